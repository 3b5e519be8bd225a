// The owner (user id, or null) of each of a list of people; an index lookup each.
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN id, COLLECT { MATCH (u:User)-[:OWNS]->(p) RETURN u.id LIMIT 1 }[0] AS owner

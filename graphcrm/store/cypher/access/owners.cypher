// The owner (user id, or null) of each of a list of people, and whether a rep claimed them; an index lookup each.
UNWIND $ids AS id
MATCH (p:Person {id: id})
WITH id, COLLECT { MATCH (u:User)-[o:OWNS]->(p) RETURN [u.id, coalesce(o.claimed, false)] LIMIT 1 }[0] AS owner
RETURN id, owner[0] AS owner, coalesce(owner[1], false) AS claimed

MATCH (u:User)-[o:OWNS]->(p:Person {id: $id})
RETURN u {.id, .name, .email} AS owner, o.address AS address
LIMIT 1

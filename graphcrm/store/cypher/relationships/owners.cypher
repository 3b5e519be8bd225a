// The owners of a record (one, unless the data was loaded inconsistently).
MATCH (u:User)-[:OWNS]->(:{{label}} {id: $to})
RETURN u.id AS id, u.name AS name

// A record has exactly one owner.
MATCH (u:User)-[r:OWNS]->(n {id: $to})
WHERE u.id <> $from
DELETE r
RETURN u.name AS old

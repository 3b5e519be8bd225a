// A person has one primary account: making a new one primary demotes the others.
MATCH (a:Account)-[r:EMPLOYS {primary: true}]->(p:Person {id: $to})
WHERE a.id <> $from
SET r.primary = false
RETURN a.name AS old

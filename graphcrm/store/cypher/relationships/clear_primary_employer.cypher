// A person has one primary account: making a new one primary demotes the others.
MATCH (a:Account)-[r:EMPLOYS {primary: true}]->(:Person {id: $to})
WHERE a.id <> $from
SET r.primary = false, r.updated_at = datetime()

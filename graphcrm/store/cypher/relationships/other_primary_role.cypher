MATCH (p:Person)-[r:CONTACT_ROLE {primary: true}]->(o:Opportunity {id: $to})
WHERE p.id <> $from
RETURN p.id AS person
LIMIT 1

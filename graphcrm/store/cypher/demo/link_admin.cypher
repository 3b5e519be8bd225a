// The demo admin heads the demo's line management: the head of sales reports to them.
MATCH (admin:User {email: $email})
MATCH (head:User {role: 'manager'})
WHERE head.id <> admin.id AND NOT (head)-[:REPORTS_TO]->(:User)
MERGE (head)-[:REPORTS_TO]->(admin)
RETURN count(head) AS linked

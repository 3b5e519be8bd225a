// The job ends: EMPLOYS at that account becomes WORKED_AT with the period it covered.
MATCH (a:Account)-[e:EMPLOYS]->(p:Person {id: $id})
WHERE ($account IS NULL AND e.primary) OR a.id = $account
CREATE (p)-[w:WORKED_AT]->(a)
SET w.title = coalesce(e.title, p.title), w.department = coalesce(e.department, p.department),
    w.since = e.since, w.until = $until, w.created_at = datetime(), w.updated_at = datetime()
DELETE e
RETURN a.id AS account, a.name AS name

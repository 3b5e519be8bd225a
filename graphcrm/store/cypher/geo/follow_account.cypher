// An account moved: the people shown at their account's point (no address of their own) follow it.
MATCH (:Account {id: $id})-[:EMPLOYS]->(p:Person)
WHERE p.location_source = 'account'
WITH DISTINCT p
WITH p, COLLECT { MATCH (a:Account)-[e:EMPLOYS]->(p) WHERE a.location IS NOT NULL
                  RETURN a.location ORDER BY coalesce(e.primary, false) DESC, a.sort_key, a.id LIMIT 1 }[0] AS loc
SET p.location = loc, p.location_source = CASE WHEN loc IS NULL THEN null ELSE 'account' END,
    p.located_at = datetime()
RETURN count(p) AS moved

// People without an address of their own take the point of the account they work at (primary first).
UNWIND $ids AS pid
MATCH (p:Person {id: pid})
WHERE coalesce(p.location_source, '') <> 'manual'
WITH p, COLLECT { MATCH (a:Account)-[e:EMPLOYS]->(p) WHERE a.location IS NOT NULL
                  RETURN a.location ORDER BY coalesce(e.primary, false) DESC, a.sort_key, a.id LIMIT 1 }[0] AS loc
SET p.location = loc, p.location_source = CASE WHEN loc IS NULL THEN null ELSE 'account' END,
    p.located_at = datetime()
RETURN count(loc) AS placed

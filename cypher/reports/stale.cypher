// Stale contacts: active, non-placeholder people whose last touch (`{{since}}`: last_touch_at or
// last_<kind>_at, kept by graphcrm/activities.py) is before $cutoff, or who never had one.
// Most neglected first: never touched, then oldest touch, then id; the cursor is (last, id).
MATCH (p:Person)
WHERE (p.{{since}} IS NULL OR p.{{since}} < $cutoff)
  AND coalesce(p.status, 'active') = 'active' AND coalesce(p.placeholder, false) = false
  AND ($team IS NULL OR p.team = $team)
  AND ($owner IS NULL OR EXISTS { MATCH (:User {id: $owner})-[:OWNS]->(p) })
  AND ($account IS NULL OR EXISTS { MATCH (:Account {id: $account})-[:EMPLOYS]->(p) })
WITH p, p.{{since}} AS last
WHERE $after_id IS NULL
   OR ($after_last IS NULL AND (last IS NOT NULL OR p.id > $after_id))
   OR ($after_last IS NOT NULL AND last IS NOT NULL
       AND (last > datetime($after_last) OR (last = datetime($after_last) AND p.id > $after_id)))
WITH p, last
ORDER BY last IS NOT NULL, last, p.id
LIMIT $limit
RETURN p.id AS person,
       trim(coalesce(p.first_name, '') + ' ' + coalesce(p.last_name, '')) AS name,
       last AS last_touch,
       CASE WHEN last IS NULL THEN null ELSE duration.inDays(last, $now).days END AS days_since,
       p.email AS email, p.phone AS phone, p.team AS team,
       COLLECT { MATCH (u:User)-[:OWNS]->(p) RETURN u {.id, .name} LIMIT 1 }[0] AS owner,
       COLLECT { MATCH (a:Account)-[e:EMPLOYS]->(p)
                 RETURN a {.id, .name} ORDER BY coalesce(e.primary, false) DESC, a.name LIMIT 1 }[0] AS account

// Stale report, part 1: active, non-placeholder people with no `{{since}}` at all, in id order.
// The predicate on p.id lets the unique id index deliver that order, so a page stops early.
MATCH (p:Person)
WHERE p.id > $after_id AND p.{{since}} IS NULL
  AND coalesce(p.status, 'active') = 'active' AND coalesce(p.placeholder, false) = false
  AND ($team IS NULL OR p.team = $team)
  AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $viewer_team })
RETURN p.id AS person, null AS last
ORDER BY p.id
LIMIT $limit

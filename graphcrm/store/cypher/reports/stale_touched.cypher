// Stale report, part 2: people whose `{{since}}` (last_touch_at or last_<kind>_at, kept by
// graphcrm/activities.py) is before $cutoff, oldest first: a range seek on that property's index
// delivers the order, so a page reads only its own rows. The cursor is (last, id).
MATCH (p:Person)
WHERE p.{{since}} < $cutoff AND p.{{since}} >= $after_last
  AND (p.{{since}} > $after_last OR p.id > $after_id)
  AND coalesce(p.status, 'active') = 'active' AND coalesce(p.placeholder, false) = false
  AND ($team IS NULL OR p.team = $team)
  AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $viewer_team })
RETURN p.id AS person, p.{{since}} AS last
ORDER BY p.{{since}}, p.id
LIMIT $limit

// Records of one label within $radius metres of $center, nearest first, after the cursor [$after_d, $after_id].
// point.withinBBox on the circle's bounding box lets the planner seek the point index
// (NodeIndexSeekByRange on POINT INDEX); point.distance then trims the box's corners.
MATCH (n:{{label}})
WHERE point.withinBBox(n.location, $lower, $upper)
  AND point.distance(n.location, $center) <= $radius
WITH n, point.distance(n.location, $center) AS d
WHERE [d, n.id] > [$after_d, $after_id]
  AND ($exclude IS NULL OR n.id <> $exclude)
  AND ($owner IS NULL OR EXISTS { MATCH (:User {id: $owner})-[:OWNS]->(n) })
  AND (NOT $active OR n:Account OR coalesce(n.status, 'active') = 'active')
  AND ($account_type IS NULL OR (n:Account AND n.type = $account_type)
       OR (n:Person AND EXISTS { MATCH (a:Account)-[:EMPLOYS]->(n) WHERE a.type = $account_type }))
WITH n, d
ORDER BY d, n.id
LIMIT $limit
RETURN n {.id, .first_name, .last_name, .name, .title, .type, .industry, .street, .postal_code, .city,
          .country, .status, .placeholder, .location, .location_source} AS node,
       n:Person AS is_person, d AS distance,
       COLLECT { MATCH (a:Account)-[e:EMPLOYS]->(n)
                 RETURN a {.id, .name} ORDER BY coalesce(e.primary, false) DESC, a.sort_key, a.id LIMIT 1 }[0]
         AS account

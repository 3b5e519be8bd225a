// People and accounts ($kinds) within $radius metres of $center, nearest first, after the cursor
// [$after_d, $after_id]. Each branch seeks its label's point index with the circle's bounding box
// (point.withinBBox: NodeIndexSeekByRange on POINT INDEX); point.distance then trims the corners.
// One statement for both kinds saves a round trip per search.
CALL () {
  MATCH (n:Person)
  WHERE 'person' IN $kinds AND point.withinBBox(n.location, $lower, $upper)
    AND point.distance(n.location, $center) <= $radius
  RETURN n
  UNION ALL
  MATCH (n:Account)
  WHERE 'account' IN $kinds AND point.withinBBox(n.location, $lower, $upper)
    AND point.distance(n.location, $center) <= $radius
  RETURN n
}
WITH n, point.distance(n.location, $center) AS d
WHERE [d, n.id] > [$after_d, $after_id]
  AND ($exclude IS NULL OR n.id <> $exclude)
  AND ($owner IS NULL OR EXISTS { MATCH (:User {id: $owner})-[:OWNS]->(n) })
  AND (NOT $active OR n:Account OR coalesce(n.status, 'active') = 'active')
  AND (n:Account OR $see_all OR NOT EXISTS { (:User)-[:OWNS]->(n) } OR EXISTS { (o:User)-[:OWNS]->(n) WHERE o.id IN $team })
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

// Map markers of one label inside a box (seeking the point index), capped at $limit; with the
// newest touchpoint that says how overdue the contact is (for an account: of its current people).
MATCH (n:{{label}})
WHERE point.withinBBox(n.location, $lower, $upper)
  AND ($owner IS NULL OR EXISTS { MATCH (:User {id: $owner})-[:OWNS]->(n) })
  AND (NOT $active OR n:Account OR coalesce(n.status, 'active') = 'active')
  AND (n:Account OR $see_all OR NOT EXISTS { (:User)-[:OWNS]->(n) } OR EXISTS { (o:User)-[:OWNS]->(n) WHERE o.id IN $team })
WITH n
LIMIT $limit
CALL (n) {
  OPTIONAL MATCH (n)-[:EMPLOYS]->(p:Person)
  RETURN max(p.last_touch_at) AS staff_touch
}
RETURN n {.id, .first_name, .last_name, .name, .title, .type, .city, .country, .status, .placeholder,
          .location, .location_source} AS node,
       n:Person AS is_person,
       CASE WHEN n:Person THEN n.last_touch_at ELSE staff_touch END AS last_touch,
       CASE WHEN n:Person THEN COLLECT { MATCH (a:Account)-[e:EMPLOYS]->(n)
                 RETURN a {.id, .name} ORDER BY coalesce(e.primary, false) DESC, a.sort_key, a.id LIMIT 1 }[0]
       END AS account

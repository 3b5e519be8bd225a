// "Near and connected": records within {{hops}} hops of the anchors (people, by elementId), either
// direction, over the relationships between people, accounts and deals (not OWNS: it would make
// everyone a user owns one hop apart), and within $radius metres of $center; nearest first.
// DISTINCT right after the variable-length expand lets the planner prune it breadth-first, so
// every node is reached once however many paths lead to it. The set is bounded by the anchors
// and the hops, never by the size of the database.
UNWIND $anchors AS eid
MATCH (s) WHERE elementId(s) = eid
MATCH (s)-[:EMPLOYS|BOARD_MEMBER|CONTACT_ROLE|WORKED_AT|HAS_OPPORTUNITY|PARTNER_OF|KNOWS|REPORTS_TO*0..{{hops}}]-(n)
WITH DISTINCT n
WHERE ((n:Person AND 'person' IN $kinds) OR (n:Account AND 'account' IN $kinds))
  AND point.withinBBox(n.location, $lower, $upper)
WITH n, point.distance(n.location, $center) AS d
WHERE d <= $radius
  AND [d, n.id] > [$after_d, $after_id]
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

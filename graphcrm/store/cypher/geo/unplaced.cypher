// Records without a point, in name order (walking the (sort_key, id) index), a page at a time.
MATCH (n:{{label}})
WHERE n.sort_key >= $after_key AND n.id IS NOT NULL
WITH n
WHERE [n.sort_key, n.id] > [$after_key, $after_id] AND n.location IS NULL
  AND (NOT n:Person OR $see_all OR NOT EXISTS { (:User)-[:OWNS]->(n) }
       OR EXISTS { (o:User)-[:OWNS]->(n) WHERE o.id IN $team })
RETURN n {.id, .sort_key, .first_name, .last_name, .name, .street, .postal_code, .city, .country,
          .placeholder} AS node,
       EXISTS { MATCH (n)<-[:EMPLOYS]-(:Account) } AS employed
ORDER BY n.sort_key, n.id
LIMIT $limit

// Cursor paging in (sort_key, id) order, index-backed; filters are optional parameters.
MATCH (n:{{label}})
WHERE n.sort_key IS NOT NULL
  AND ($after_key IS NULL OR n.sort_key > $after_key OR (n.sort_key = $after_key AND n.id > $after_id))
  AND ($q IS NULL OR n.sort_key CONTAINS $q OR toLower(coalesce(n.email, '')) CONTAINS $q)
  AND ($sf_id IS NULL OR n.sf_id = $sf_id)
  AND ($status IS NULL OR n.status = $status)
  AND ($owner IS NULL OR EXISTS { (:User {id: $owner})-[:OWNS]->(n) })
  AND ($account IS NULL OR EXISTS { (:Account {id: $account})-[:EMPLOYS|HAS_OPPORTUNITY]->(n) }
       OR EXISTS { (n)-[:BOARD_MEMBER|WORKED_AT]->(:Account {id: $account}) })
RETURN n {.*} AS node
ORDER BY n.sort_key, n.id
LIMIT $limit

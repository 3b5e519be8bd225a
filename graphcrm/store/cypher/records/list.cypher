// A page in (sort_key, id) order. The range seek on the (sort_key, id) index yields rows already in
// that order, so a page reads about $limit nodes. The cursor test compares lists: written as
// `sort_key > k OR id > i` the planner splits it into a union and sorts every row instead.
MATCH (n:{{label}})
WHERE n.sort_key >= $after_key AND n.id IS NOT NULL
WITH n
WHERE [n.sort_key, n.id] > [$after_key, $after_id]
  AND all(w IN $words WHERE n.sort_key CONTAINS w OR toLower(coalesce(n.email, '')) CONTAINS w)
  AND ($status IS NULL OR n.status = $status)
  AND ($type IS NULL OR n.type = $type)
  AND ($stage IS NULL OR n.stage = $stage)
  AND ($role IS NULL OR n.role = $role)
  // People owned outside the viewer's team are left out under private sharing ($see_all false).
  AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(n) } OR EXISTS { (o:User)-[:OWNS]->(n) WHERE o.id IN $team })
RETURN n {.*} AS node
ORDER BY n.sort_key, n.id
LIMIT $limit

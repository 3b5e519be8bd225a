// A page of the records with one sf_id, linked to one account, or owned by one user: start from that
// anchor (an index lookup) and sort its few matches, instead of walking every record in name order.
// Account links: its employees, board members and former employees; its opportunities.
CALL () {
  MATCH (n:{{label}} {sf_id: $sf_id}) RETURN n
  UNION
  MATCH (:Account {id: $account})-[:EMPLOYS|HAS_OPPORTUNITY]->(n:{{label}}) WHERE $sf_id IS NULL RETURN n
  UNION
  MATCH (n:{{label}})-[:BOARD_MEMBER|WORKED_AT]->(:Account {id: $account}) WHERE $sf_id IS NULL RETURN n
  UNION
  MATCH (:User {id: $owner})-[:OWNS]->(n:{{label}}) WHERE $sf_id IS NULL AND $account IS NULL RETURN n
}
WITH n
WHERE n.sort_key IS NOT NULL
  AND [n.sort_key, n.id] > [$after_key, $after_id]
  AND ($sf_id IS NULL OR n.sf_id = $sf_id)
  AND ($account IS NULL OR EXISTS { (:Account {id: $account})-[:EMPLOYS|HAS_OPPORTUNITY]->(n) }
       OR EXISTS { (n)-[:BOARD_MEMBER|WORKED_AT]->(:Account {id: $account}) })
  AND ($owner IS NULL OR EXISTS { (:User {id: $owner})-[:OWNS]->(n) })
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

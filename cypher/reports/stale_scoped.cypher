// Stale report for one owner's people (User OWNS), one account's (Account EMPLOYS) or one team's:
// a few thousand at most, so it starts there and sorts them whole.
// Never touched first, then oldest `{{since}}`, then id; the cursor is (last, id).
CALL () {
  MATCH (:User {id: $owner})-[:OWNS]->(p:Person) RETURN p
  UNION
  MATCH (:Account {id: $account})-[:EMPLOYS]->(p:Person) WHERE $owner IS NULL RETURN p
  UNION
  MATCH (p:Person {team: $team}) WHERE $owner IS NULL AND $account IS NULL RETURN p
}
WITH p
WHERE (p.{{since}} IS NULL OR p.{{since}} < $cutoff)
  AND coalesce(p.status, 'active') = 'active' AND coalesce(p.placeholder, false) = false
  AND ($team IS NULL OR p.team = $team)
  AND ($account IS NULL OR EXISTS { MATCH (:Account {id: $account})-[:EMPLOYS]->(p) })
WITH p, p.{{since}} AS last
WHERE $after_id IS NULL
   OR ($after_last IS NULL AND (last IS NOT NULL OR p.id > $after_id))
   OR ($after_last IS NOT NULL AND last IS NOT NULL
       AND (last > $after_last OR (last = $after_last AND p.id > $after_id)))
RETURN p.id AS person, last
ORDER BY last IS NOT NULL, last, p.id
LIMIT $limit

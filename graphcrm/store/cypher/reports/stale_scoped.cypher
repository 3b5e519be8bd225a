// Stale report for some owners' people (User OWNS; $owners: one user, or a manager's team), one account's (Account EMPLOYS) or one team's:
// a few thousand at most, so it starts there and sorts them whole.
// Never touched first, then oldest `{{since}}`, then id; the cursor is (last, id).
CALL () {
  MATCH (u:User)-[:OWNS]->(p:Person) WHERE u.id IN $owners RETURN p
  UNION
  MATCH (:Account {id: $account})-[:EMPLOYS]->(p:Person) WHERE $owners IS NULL RETURN p
  UNION
  MATCH (p:Person {team: $team}) WHERE $owners IS NULL AND $account IS NULL RETURN p
}
WITH p
WHERE (p.{{since}} IS NULL OR p.{{since}} < $cutoff)
  AND coalesce(p.status, 'active') = 'active' AND coalesce(p.placeholder, false) = false
  AND ($team IS NULL OR p.team = $team)
  AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $viewer_team })
  AND ($account IS NULL OR EXISTS { MATCH (:Account {id: $account})-[:EMPLOYS]->(p) })
WITH p, p.{{since}} AS last
WHERE $after_id IS NULL
   OR ($after_last IS NULL AND (last IS NOT NULL OR p.id > $after_id))
   OR ($after_last IS NOT NULL AND last IS NOT NULL
       AND (last > $after_last OR (last = $after_last AND p.id > $after_id)))
RETURN p.id AS person, last
ORDER BY last IS NOT NULL, last, p.id
LIMIT $limit

// Duplicate candidates: the same e-mail, or the same name at the same account.
CALL () {
  MATCH (p:Person)
  WHERE p.email IS NOT NULL AND NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
  WITH p.email AS key, collect(p {.id, .first_name, .last_name, .email, .status})[..10] AS people
  WHERE size(people) > 1
  RETURN 'same_email' AS reason, key, people
  UNION ALL
  MATCH (a:Account)-[:EMPLOYS]->(p:Person)
  WHERE p.sort_key <> '' AND NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
  WITH a, p.sort_key AS name, collect(p {.id, .first_name, .last_name, .email, .status})[..10] AS people
  WHERE size(people) > 1
  RETURN 'same_name_same_account' AS reason, name + ' @ ' + a.name AS key, people
}
RETURN reason, key, people
ORDER BY reason, key
LIMIT $limit

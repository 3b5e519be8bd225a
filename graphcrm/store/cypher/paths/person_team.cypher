// Users close to a person: who own or touched them, their accounts, or the people there.
MATCH (p:Person {id: $id})
CALL (p) {
  MATCH (u:User)-[:OWNS]->(p) RETURN u, 3 AS weight
  UNION ALL
  MATCH (u:User)-[:LOGGED]->(:Activity)-[:WITH]->(p) RETURN u, 3 AS weight
  UNION ALL
  MATCH (u:User)-[:OWNS]->(:Account)-[:EMPLOYS]->(p) RETURN u, 2 AS weight
  UNION ALL
  MATCH (u:User)-[:OWNS]->(:Person)<-[:EMPLOYS]-(:Account)-[:EMPLOYS]->(p) RETURN u, 1 AS weight
  UNION ALL
  MATCH (u:User)-[:LOGGED]->(:Activity)-[:WITH]->(:Person)<-[:EMPLOYS]-(:Account)-[:EMPLOYS]->(p) RETURN u, 1 AS weight
}
WITH u, sum(weight) AS involvement
WHERE coalesce(u.active, true)
RETURN elementId(u) AS eid, u.id AS id, u.name AS name, involvement
ORDER BY involvement DESC, name
LIMIT $limit

// The deal team of a deal: users who own or touched its account, the account's people or the
// deal's contacts, most involved first.
MATCH (o:Opportunity {id: $id})
OPTIONAL MATCH (a:Account)-[:HAS_OPPORTUNITY]->(o)
CALL (o, a) {
  MATCH (u:User)-[:OWNS]->(a) RETURN u, 3 AS weight
  UNION ALL
  MATCH (u:User)-[:OWNS]->(:Person)-[:CONTACT_ROLE]->(o) RETURN u, 2 AS weight
  UNION ALL
  MATCH (u:User)-[:OWNS]->(:Person)<-[:EMPLOYS]-(a) RETURN u, 1 AS weight
  UNION ALL
  MATCH (u:User)-[:LOGGED]->(:Activity)-[:ABOUT]->(o) RETURN u, 2 AS weight
  UNION ALL
  MATCH (u:User)-[:LOGGED]->(:Activity)-[:WITH]->(:Person)-[:CONTACT_ROLE]->(o) RETURN u, 2 AS weight
  UNION ALL
  MATCH (u:User)-[:LOGGED]->(:Activity)-[:WITH]->(:Person)<-[:EMPLOYS]-(a) RETURN u, 1 AS weight
}
WITH u, sum(weight) AS involvement
WHERE coalesce(u.active, true)
RETURN elementId(u) AS eid, u.id AS id, u.name AS name, involvement
ORDER BY involvement DESC, name
LIMIT $limit

// A record known only by id, as the start of a graph query; each branch is an index lookup.
// `owner` (people only) is for the access policy.
CALL () {
  MATCH (n:Person {id: $id}) RETURN n
  UNION ALL MATCH (n:Account {id: $id}) RETURN n
  UNION ALL MATCH (n:Opportunity {id: $id}) RETURN n
  UNION ALL MATCH (n:User {id: $id}) RETURN n
  UNION ALL MATCH (n:Campaign {id: $id}) RETURN n
}
RETURN elementId(n) AS eid, n:Person AS person,
       CASE WHEN n:Person THEN COLLECT { MATCH (u:User)-[:OWNS]->(n) RETURN u.id LIMIT 1 }[0] END AS owner
LIMIT 1

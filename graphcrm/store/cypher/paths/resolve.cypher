// An end of a path, by app id; `owner` (people only) is for the access policy.
CALL () {
  MATCH (n:Person {id: $id}) RETURN n
  UNION ALL MATCH (n:Account {id: $id}) RETURN n
  UNION ALL MATCH (n:Opportunity {id: $id}) RETURN n
  UNION ALL MATCH (n:User {id: $id}) RETURN n
}
RETURN elementId(n) AS eid, labels(n) AS labels, coalesce(n.placeholder, false) AS placeholder,
       CASE WHEN n:Person THEN COLLECT { MATCH (u:User)-[:OWNS]->(n) RETURN u.id LIMIT 1 }[0] END AS owner
LIMIT 1

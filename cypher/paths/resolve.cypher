// An end of a path, by app id.
CALL () {
  MATCH (n:Person {id: $id}) RETURN n
  UNION ALL MATCH (n:Account {id: $id}) RETURN n
  UNION ALL MATCH (n:Opportunity {id: $id}) RETURN n
  UNION ALL MATCH (n:User {id: $id}) RETURN n
}
RETURN elementId(n) AS eid, labels(n) AS labels, coalesce(n.placeholder, false) AS placeholder
LIMIT 1

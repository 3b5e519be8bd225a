// A record known only by id, as the start of a graph query; each branch is an index lookup.
CALL () {
  MATCH (n:Person {id: $id}) RETURN n
  UNION ALL MATCH (n:Account {id: $id}) RETURN n
  UNION ALL MATCH (n:Opportunity {id: $id}) RETURN n
  UNION ALL MATCH (n:User {id: $id}) RETURN n
  UNION ALL MATCH (n:Campaign {id: $id}) RETURN n
}
RETURN elementId(n) AS eid
LIMIT 1

// Element ids of records given by app id (for exporting a view the browser holds).
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Person {id: id}) RETURN n
  UNION ALL MATCH (n:Account {id: id}) RETURN n
  UNION ALL MATCH (n:Opportunity {id: id}) RETURN n
  UNION ALL MATCH (n:User {id: id}) RETURN n
  UNION ALL MATCH (n:Campaign {id: id}) RETURN n
}
RETURN DISTINCT elementId(n) AS eid

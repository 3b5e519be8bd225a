// The label of a record known only by id; each branch is an index lookup.
CALL () {
  MATCH (n:Person {id: $id}) RETURN labels(n) AS labels
  UNION ALL MATCH (n:Account {id: $id}) RETURN labels(n) AS labels
  UNION ALL MATCH (n:Opportunity {id: $id}) RETURN labels(n) AS labels
  UNION ALL MATCH (n:User {id: $id}) RETURN labels(n) AS labels
  UNION ALL MATCH (n:Campaign {id: $id}) RETURN labels(n) AS labels
}
RETURN labels
LIMIT 1

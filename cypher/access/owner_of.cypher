// The label of a record known only by id, and the id of the user who owns it: for a deal, the owner
// of its account (deals have no owner of their own). Each branch is an index lookup.
CALL () {
  MATCH (n:Person {id: $id})
  RETURN 'Person' AS label, COLLECT { MATCH (u:User)-[:OWNS]->(n) RETURN u.id LIMIT 1 }[0] AS owner
  UNION ALL MATCH (n:Account {id: $id})
  RETURN 'Account' AS label, COLLECT { MATCH (u:User)-[:OWNS]->(n) RETURN u.id LIMIT 1 }[0] AS owner
  UNION ALL MATCH (n:Opportunity {id: $id})
  RETURN 'Opportunity' AS label,
         COLLECT { MATCH (u:User)-[:OWNS]->(:Account)-[:HAS_OPPORTUNITY]->(n) RETURN u.id LIMIT 1 }[0] AS owner
  UNION ALL MATCH (n:User {id: $id}) RETURN 'User' AS label, null AS owner
  UNION ALL MATCH (n:Campaign {id: $id}) RETURN 'Campaign' AS label, null AS owner
}
RETURN label, owner
LIMIT 1

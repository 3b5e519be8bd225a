// The label of a record known only by id, the id of the user who owns it, and whether a rep claimed
// it (claimed: its sensitive fields stay admin-only until an admin or manager assigns it). A deal
// has no owner of its own: it belongs to the owner of its one account. Each branch is an index lookup.
CALL () {
  MATCH (n:Person {id: $id})
  RETURN 'Person' AS label, COLLECT { MATCH (u:User)-[o:OWNS]->(n) RETURN [u.id, coalesce(o.claimed, false)] LIMIT 1 }[0] AS owner
  UNION ALL MATCH (n:Account {id: $id})
  RETURN 'Account' AS label, COLLECT { MATCH (u:User)-[o:OWNS]->(n) RETURN [u.id, coalesce(o.claimed, false)] LIMIT 1 }[0] AS owner
  UNION ALL MATCH (n:Opportunity {id: $id})
  RETURN 'Opportunity' AS label,
         COLLECT { MATCH (u:User)-[o:OWNS]->(:Account)-[:HAS_OPPORTUNITY]->(n)
                   RETURN [u.id, coalesce(o.claimed, false)] LIMIT 1 }[0] AS owner
  UNION ALL MATCH (n:User {id: $id}) RETURN 'User' AS label, null AS owner
  UNION ALL MATCH (n:Campaign {id: $id}) RETURN 'Campaign' AS label, null AS owner
}
RETURN label, owner[0] AS owner, coalesce(owner[1], false) AS claimed
LIMIT 1

// OpportunityContactRole -> CONTACT_ROLE, keyed by the role's own sf_id (a contact may hold two roles).
UNWIND $rows AS row
MATCH (p:Person {sf_id: row.contact}), (o:Opportunity {sf_id: row.opportunity})
CALL (p, o, row) {
  MATCH (o)<-[stale:CONTACT_ROLE {sf_id: row.sf_id}]-(x)
  WHERE x <> p
  DELETE stale
}
CALL (p, o, row) {
  MERGE (p)-[r:CONTACT_ROLE {sf_id: row.sf_id}]->(o)
  ON CREATE SET r.created_at = datetime()
  WITH * WHERE NOT all(k IN keys(row.props) WHERE coalesce(r[k] = row.props[k], r[k] IS NULL AND row.props[k] IS NULL))
  SET r += row.props, r.updated_at = datetime()
}

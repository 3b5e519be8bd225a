// New Salesforce contacts (the batch holds only ids not in the database): CREATE the person, the primary
// EMPLOYS edge from AccountId and OWNS by the owner. ReportsToId follows in contact_managers.cypher.
UNWIND $rows AS row
CREATE (p:Person {sf_id: row.sf_id, id: randomUUID(), created_at: datetime(), updated_at: datetime(),
                  version: 1, status: 'active', placeholder: false})
SET p += row.props
WITH p, row
CALL (p, row) {
  MATCH (a:Account {sf_id: row.account})
  CREATE (a)-[e:EMPLOYS {primary: true, created_at: datetime(), updated_at: datetime()}]->(p)
  SET e += row.employs
}
CALL (p, row) {
  MATCH (u:User {sf_id: row.owner})
  CREATE (u)-[:OWNS {address: coalesce(row.address, 'sie'), created_at: datetime(), updated_at: datetime()}]->(p)
}
RETURN count(p) AS created

// New Salesforce contacts (the batch holds only ids not in the database): CREATE the person, the primary
// EMPLOYS edge from AccountId and OWNS by the owner. ReportsToId follows in contact_managers.cypher.
UNWIND $rows AS row
CREATE (p:Person {sf_id: row.sf_id, id: randomUUID(), created_at: datetime(), updated_at: datetime(),
                  version: 1, status: 'active', placeholder: false})
SET p += row.props
WITH p, row
OPTIONAL MATCH (a:Account {sf_id: row.account})
OPTIONAL MATCH (u:User {sf_id: row.owner})
FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END |
  CREATE (a)-[e:EMPLOYS {primary: true, created_at: datetime(), updated_at: datetime()}]->(p)
  SET e += row.employs)
FOREACH (_ IN CASE WHEN u IS NULL THEN [] ELSE [1] END |
  CREATE (u)-[:OWNS {address: coalesce(row.address, 'sie'), created_at: datetime(), updated_at: datetime()}]->(p))
RETURN count(p) AS created

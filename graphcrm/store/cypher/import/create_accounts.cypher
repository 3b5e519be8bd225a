// New Salesforce accounts (the batch holds only ids not in the database): CREATE, and OWNS by the owner.
UNWIND $rows AS row
CREATE (a:Account {sf_id: row.sf_id, id: randomUUID(), created_at: datetime(), updated_at: datetime(),
                   version: 1})
SET a += row.props
WITH a, row
CALL (a, row) {
  MATCH (u:User {sf_id: row.owner})
  CREATE (u)-[:OWNS {address: coalesce(row.address, 'sie'), created_at: datetime(), updated_at: datetime()}]->(a)
}
RETURN count(a) AS created

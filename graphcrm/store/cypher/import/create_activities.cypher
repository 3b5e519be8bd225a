// New Tasks and Events -> Activity: CREATE, no MERGE (the batch was checked to hold only new ids), with
// LOGGED by the owner, WITH the contact (WhoId) and ABOUT the account or opportunity (WhatId).
// Each link is a subquery whose MATCH may find nothing (a WhatId left empty) without dropping the row.
UNWIND $rows AS row
WITH row, row.props AS given
CREATE (n:Activity {sf_id: row.sf_id, id: randomUUID(), created_at: datetime(), updated_at: datetime(),
                    version: 1})
// `at` travels as ISO text (the driver packs strings far faster than datetimes).
SET n += given, n.at = datetime(given.at)
WITH n, row
CALL (n, row) {
  MATCH (u:User {sf_id: row.owner})
  CREATE (u)-[:LOGGED]->(n)
}
CALL (n, row) {
  MATCH (p:Person {sf_id: row.who})
  CREATE (n)-[:WITH]->(p)
}
CALL (n, row) {
  MATCH (a:Account {sf_id: row.account})
  CREATE (n)-[:ABOUT]->(a)
}
CALL (n, row) {
  MATCH (o:Opportunity {sf_id: row.opportunity})
  CREATE (n)-[:ABOUT]->(o)
}
RETURN count(n) AS created

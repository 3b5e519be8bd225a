// New Tasks and Events -> Activity: CREATE, no MERGE (the batch was checked to hold only new ids), with
// LOGGED by the owner, WITH the contact (WhoId) and ABOUT the account or opportunity (WhatId).
UNWIND $rows AS row
WITH row, row.props AS given
CREATE (n:Activity {sf_id: row.sf_id, id: randomUUID(), created_at: datetime(), updated_at: datetime(),
                    version: 1})
// `at` travels as ISO text (the driver packs strings far faster than datetimes).
SET n += given, n.at = datetime(given.at)
WITH n, row
OPTIONAL MATCH (u:User {sf_id: row.owner})
OPTIONAL MATCH (p:Person {sf_id: row.who})
OPTIONAL MATCH (a:Account {sf_id: row.account})
OPTIONAL MATCH (o:Opportunity {sf_id: row.opportunity})
FOREACH (_ IN CASE WHEN u IS NULL THEN [] ELSE [1] END | CREATE (u)-[:LOGGED]->(n))
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (n)-[:WITH]->(p))
FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | CREATE (n)-[:ABOUT]->(a))
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | CREATE (n)-[:ABOUT]->(o))
RETURN count(n) AS created

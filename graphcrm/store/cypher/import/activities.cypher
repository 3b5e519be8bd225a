// A batch of Tasks or Events -> Activity, merged on sf_id: LOGGED by the owner, WITH the contact
// (WhoId), ABOUT the account or opportunity (WhatId). On a re-import, links Salesforce no longer
// names are removed.
UNWIND $rows AS input
// `at` travels as ISO text (fast to send) and becomes a datetime here.
WITH input, input.props AS given
WITH input {.*, props: given {.*, at: datetime(given.at)}} AS row
OPTIONAL MATCH (old:Activity {sf_id: row.sf_id})
WITH row, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (n:Activity {sf_id: row.sf_id})
ON CREATE SET n += row.props, n.id = randomUUID(), n.created_at = datetime(), n.updated_at = datetime(),
              n.version = 1
WITH n, row, before, CASE WHEN before IS NULL THEN [] ELSE
       [k IN keys(row.props) WHERE NOT coalesce(before[k] = row.props[k], before[k] IS NULL AND row.props[k] IS NULL)]
     END AS changed
CALL (n, row, changed) {
  WITH * WHERE size(changed) > 0
  SET n += row.props, n.updated_at = datetime(), n.version = coalesce(n.version, 0) + 1
}
CALL (n, row, before) {
  WITH * WHERE before IS NOT NULL
  MATCH (u:User)-[l:LOGGED]->(n) WHERE u.sf_id <> coalesce(row.owner, '')
  DELETE l
}
CALL (n, row, before) {
  WITH * WHERE before IS NOT NULL
  MATCH (n)-[w:WITH]->(p:Person) WHERE w.via IS NULL AND p.sf_id <> coalesce(row.who, '')
  DELETE w
}
CALL (n, row, before) {
  WITH * WHERE before IS NOT NULL
  MATCH (n)-[x:ABOUT]->(t) WHERE x.via IS NULL AND t.sf_id <> coalesce(row.account, row.opportunity, '')
  DELETE x
}
CALL (n, row) {
  WITH * WHERE row.owner IS NOT NULL
  MATCH (u:User {sf_id: row.owner})
  MERGE (u)-[:LOGGED]->(n)
}
CALL (n, row) {
  WITH * WHERE row.who IS NOT NULL
  MATCH (p:Person {sf_id: row.who})
  MERGE (n)-[:WITH]->(p)
}
CALL (n, row) {
  WITH * WHERE row.account IS NOT NULL
  MATCH (a:Account {sf_id: row.account})
  MERGE (n)-[:ABOUT]->(a)
}
CALL (n, row) {
  WITH * WHERE row.opportunity IS NOT NULL
  MATCH (o:Opportunity {sf_id: row.opportunity})
  MERGE (n)-[:ABOUT]->(o)
}
// The people whose last-touch fields (graphcrm/activities.py) need recomputing.
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN size(changed) > 0 THEN 1 ELSE 0 END) AS updated,
       collect(DISTINCT CASE WHEN before IS NULL OR size(changed) > 0 THEN row.who END) AS touched

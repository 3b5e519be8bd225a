// One activity, logged by a user, with its people (WITH) and what it was about (ABOUT).
MATCH (u:User {id: $by})
CREATE (a:Activity {id: $id, created_at: datetime(), updated_at: datetime(), version: 1})
SET a += $props
CREATE (u)-[:LOGGED]->(a)
WITH a
CALL (a) {
  UNWIND $people AS pid
  MATCH (p:Person {id: pid})
  CREATE (a)-[:WITH]->(p)
}
CALL (a) {
  MATCH (acc:Account {id: $account})
  CREATE (a)-[:ABOUT]->(acc)
}
CALL (a) {
  MATCH (o:Opportunity {id: $opportunity})
  CREATE (a)-[:ABOUT]->(o)
}
RETURN a.id AS id

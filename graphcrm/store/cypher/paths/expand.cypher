// One BFS layer of a path search from one side: unseen, non-placeholder neighbours of the
// frontier over the chosen types, and (with $touched) users and people joined by touchpoints
// (nested CALLs keep the planner expanding from the frontier, never scanning all users).
// $fanout caps the new neighbours taken per node, which damps high-degree hubs.
UNWIND $frontier AS fid
MATCH (f) WHERE elementId(f) = fid
CALL (f) {
  MATCH (f)-[r:EMPLOYS|BOARD_MEMBER|CONTACT_ROLE|WORKED_AT|OWNS|HAS_OPPORTUNITY|PARTNER_OF|KNOWS|REPORTS_TO]-(n)
  WHERE type(r) IN $types AND NOT elementId(n) IN $seen
    AND (n:Person OR n:Account OR n:Opportunity OR n:User) AND NOT coalesce(n.placeholder, false)
  WITH DISTINCT n LIMIT $fanout
  RETURN n
  UNION
  MATCH (f)-[:LOGGED]->(a)
  WHERE $touched
  CALL (a) { MATCH (a)-[:WITH]->(n) RETURN n }
  WITH n WHERE n:Person AND NOT elementId(n) IN $seen AND NOT coalesce(n.placeholder, false)
  WITH DISTINCT n LIMIT $fanout
  RETURN n
  UNION
  MATCH (f)<-[:WITH]-(a)
  WHERE $touched
  CALL (a) { MATCH (a)<-[:LOGGED]-(n) RETURN n }
  WITH n WHERE NOT elementId(n) IN $seen
  WITH DISTINCT n LIMIT $fanout
  RETURN n
}
RETURN collect(DISTINCT elementId(n)) AS rows

// Which candidate users touched which candidate people (the virtual TOUCHED edges), driven from
// the people; how strong each tie is gets fetched later, only for the pairs that matter.
UNWIND $people AS peid
MATCH (p:Person) WHERE elementId(p) = peid
CALL (p) {
  MATCH (p)<-[:WITH]-(a)
  CALL (a) { MATCH (a)<-[:LOGGED]-(u) RETURN u }
  WITH DISTINCT u WHERE elementId(u) IN $users
  RETURN u
}
RETURN collect([elementId(u), peid]) AS rows

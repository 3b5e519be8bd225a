// One BFS layer of a network view: the not-yet-seen neighbours of the frontier over the chosen
// relationship types (either direction), valid at $as_of when given, of the chosen kinds/status.
// Returns how many there are, the first $take of them, and (for the next layer) all their ids.
UNWIND $frontier AS fid
MATCH (f) WHERE elementId(f) = fid
MATCH (f)-[r:EMPLOYS|BOARD_MEMBER|CONTACT_ROLE|WORKED_AT|OWNS|HAS_OPPORTUNITY|PARTNER_OF|KNOWS|REPORTS_TO|MEMBER_OF]-(n)
WHERE type(r) IN $types
  AND NOT elementId(n) IN $seen
  AND any(label IN labels(n) WHERE label IN $labels)
  // A person the viewer may not see passes the status filter either way, so it tells nothing.
  AND ($status IS NULL OR NOT n:Person OR coalesce(n.status, 'active') = $status
       OR NOT ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(n) }
               OR EXISTS { (o:User)-[:OWNS]->(n) WHERE o.id IN $team }))
  AND ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)))
WITH DISTINCT n
WITH collect(n) AS found
RETURN size(found) AS total,
       CASE WHEN $want_frontier THEN [x IN found | elementId(x)] ELSE [] END AS frontier,
       [x IN found[..$take] | elementId(x)] AS shown

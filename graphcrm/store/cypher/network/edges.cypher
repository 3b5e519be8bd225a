// The relationships among the records of a view (the induced subgraph), valid at $as_of when given;
// `values` in the order of graphcrm/network.py EDGE_VALUES, dates as ISO text; one row of lists.
UNWIND $eids AS eid
MATCH (a) WHERE elementId(a) = eid
MATCH (a)-[r:EMPLOYS|BOARD_MEMBER|CONTACT_ROLE|WORKED_AT|OWNS|HAS_OPPORTUNITY|PARTNER_OF|KNOWS|REPORTS_TO|MEMBER_OF]->(b)
WHERE type(r) IN $types
  AND elementId(b) IN $eids
  AND ($as_of IS NULL OR ((r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)))
RETURN collect([a.id, b.id, type(r), elementId(r),
       [toString(r.since), toString(r.until), r.role, r.title, r.department, r.primary, r.roles, r.source,
        r.note, r.status, r.responded, r.address]]) AS rows

// The relationships among the candidate records (the induced subgraph). `props` holds the few
// properties ranking and explanations use (dates as ISO text), and is null when none is set:
// most edges carry none, and every value sent costs decoding time. One row of lists, as paths/nodes.
UNWIND $eids AS eid
MATCH (a) WHERE elementId(a) = eid
MATCH (a)-[r:EMPLOYS|BOARD_MEMBER|CONTACT_ROLE|WORKED_AT|OWNS|HAS_OPPORTUNITY|PARTNER_OF|KNOWS|REPORTS_TO]->(b)
WHERE type(r) IN $types AND elementId(b) IN $eids
WITH eid, b, r, [toString(r.since), toString(r.until), r.department, r.title, r.role, r.source] AS props
RETURN collect([eid, elementId(b), type(r),
       CASE WHEN all(p IN props WHERE p IS NULL) THEN null ELSE props END]) AS rows

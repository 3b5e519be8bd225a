// The relationships among the candidate records (the induced subgraph), with the few properties
// ranking and explanations use (dates as ISO text: cheaper to send than temporal values).
UNWIND $eids AS eid
MATCH (a) WHERE elementId(a) = eid
MATCH (a)-[r:EMPLOYS|BOARD_MEMBER|CONTACT_ROLE|WORKED_AT|OWNS|HAS_OPPORTUNITY|PARTNER_OF|KNOWS|REPORTS_TO]->(b)
WHERE type(r) IN $types AND elementId(b) IN $eids
RETURN eid AS a, elementId(b) AS b, type(r) AS type, toString(r.since) AS since, toString(r.until) AS until,
       r.department AS department, r.title AS title, r.role AS role, r.source AS source

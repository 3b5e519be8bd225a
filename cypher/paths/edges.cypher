// The relationships among the candidate records (the induced subgraph) with their properties.
UNWIND $eids AS eid
MATCH (a) WHERE elementId(a) = eid
MATCH (a)-[r:EMPLOYS|BOARD_MEMBER|CONTACT_ROLE|WORKED_AT|OWNS|HAS_OPPORTUNITY|PARTNER_OF|KNOWS|REPORTS_TO]->(b)
WHERE type(r) IN $types AND elementId(b) IN $eids
RETURN eid AS a, elementId(b) AS b, type(r) AS type, properties(r) AS props

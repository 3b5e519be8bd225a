// The records of a view with what a label and hover card need.
UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid
RETURN eid, labels(n) AS labels, n {.*} AS props,
       CASE WHEN n:Person THEN COLLECT { MATCH (a:Account)-[e:EMPLOYS]->(n)
                                         RETURN a.name ORDER BY coalesce(e.primary, false) DESC LIMIT 1 }[0]
       END AS account

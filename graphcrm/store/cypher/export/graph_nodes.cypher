// Every node for GraphML/GEXF, by the id the file gives it (the app id, else the element id), with
// labels and properties (datetimes as text, see nodes.cypher). API tokens are never exported there.
MATCH (n) WHERE NOT n:ApiToken AND NOT n:Session
RETURN CASE WHEN n.id IS NULL OR toString(n.id) = '' THEN elementId(n) ELSE toString(n.id) END AS key,
       labels(n) AS labels,
       [k IN keys(n) | CASE WHEN valueType(n[k]) STARTS WITH 'ZONED DATETIME'
                              OR valueType(n[k]) STARTS WITH 'LOCAL DATETIME' THEN [k, toString(n[k])]
                            ELSE [k, n[k]] END] AS props

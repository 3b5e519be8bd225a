// Every relationship for GraphML/GEXF, its ends named as in graph_nodes.cypher; none that touches an API token.
MATCH (a)-[r]->(b) WHERE NOT a:ApiToken AND NOT b:ApiToken
RETURN CASE WHEN a.id IS NULL OR toString(a.id) = '' THEN elementId(a) ELSE toString(a.id) END AS from,
       CASE WHEN b.id IS NULL OR toString(b.id) = '' THEN elementId(b) ELSE toString(b.id) END AS to,
       type(r) AS type,
       [k IN keys(r) | CASE WHEN valueType(r[k]) STARTS WITH 'ZONED DATETIME'
                              OR valueType(r[k]) STARTS WITH 'LOCAL DATETIME' THEN [k, toString(r[k])]
                            ELSE [k, r[k]] END] AS props

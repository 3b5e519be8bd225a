// Every relationship with its type, ends and properties; `zones` as in nodes.cypher.
MATCH (a)-[r]->(b)
RETURN elementId(a) AS from, elementId(b) AS to, type(r) AS type, properties(r) AS props,
       [k IN keys(r) WHERE valueType(r[k]) STARTS WITH 'ZONED DATETIME' | [k, r[k].timezone]]
       + [k IN keys(r) WHERE valueType(r[k]) STARTS WITH 'LIST<ZONED DATETIME' | [k, [x IN r[k] | x.timezone]]]
       AS zones

// Every relationship with its type, ends and properties as [key, tag, value] (see nodes.cypher).
MATCH (a)-[r]->(b)
RETURN elementId(a) AS from, elementId(b) AS to, type(r) AS type,
       [k IN keys(r) | CASE
          WHEN valueType(r[k]) STARTS WITH 'ZONED DATETIME' THEN [k, 'datetime', toString(r[k])]
          WHEN valueType(r[k]) STARTS WITH 'LOCAL DATETIME' THEN [k, 'localdatetime', toString(r[k])]
          WHEN valueType(r[k]) STARTS WITH 'LIST<ZONED DATETIME' THEN [k, 'datetimes', [x IN r[k] | toString(x)]]
          WHEN valueType(r[k]) STARTS WITH 'LIST<LOCAL DATETIME' THEN [k, 'localdatetimes', [x IN r[k] | toString(x)]]
          ELSE [k, null, r[k]] END] AS props

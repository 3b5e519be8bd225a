// Every node with its labels and properties as [key, tag, value]. Datetimes come as Cypher's own text
// (2026-03-01T09:30:00+01:00[Europe/Zurich]): it keeps the zone exactly (the driver cannot tell Z from
// UTC) and is far cheaper to move than driver datetimes; datetime(text) gives the same value back.
// Sign-in sessions are not kept: a restored backup must not revive them.
MATCH (n) WHERE NOT n:Session
RETURN elementId(n) AS key, labels(n) AS labels,
       [k IN keys(n) | CASE
          WHEN valueType(n[k]) STARTS WITH 'ZONED DATETIME' THEN [k, 'datetime', toString(n[k])]
          WHEN valueType(n[k]) STARTS WITH 'LOCAL DATETIME' THEN [k, 'localdatetime', toString(n[k])]
          WHEN valueType(n[k]) STARTS WITH 'LIST<ZONED DATETIME' THEN [k, 'datetimes', [x IN n[k] | toString(x)]]
          WHEN valueType(n[k]) STARTS WITH 'LIST<LOCAL DATETIME' THEN [k, 'localdatetimes', [x IN n[k] | toString(x)]]
          ELSE [k, null, n[k]] END] AS props

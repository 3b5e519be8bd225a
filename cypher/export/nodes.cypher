// Every node with its labels and properties; `zones` names the time zone of each datetime (Z, +01:00,
// Europe/Zurich), which the driver alone cannot tell apart (Z and UTC look the same to it).
MATCH (n)
RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS props,
       [k IN keys(n) WHERE valueType(n[k]) STARTS WITH 'ZONED DATETIME' | [k, n[k].timezone]]
       + [k IN keys(n) WHERE valueType(n[k]) STARTS WITH 'LIST<ZONED DATETIME' | [k, [x IN n[k] | x.timezone]]]
       AS zones

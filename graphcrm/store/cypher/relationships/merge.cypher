MATCH (a:{{from_label}} {id: $from}), (b:{{to_label}} {id: $to})
MERGE (a)-[r:{{type}}]->(b)
ON CREATE SET r.created_at = datetime()
SET r += $props, r.updated_at = datetime()
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties

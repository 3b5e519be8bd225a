// Former jobs and board seats may repeat between the same two records, in different periods.
MATCH (a:{{from_label}} {id: $from}), (b:{{to_label}} {id: $to})
CREATE (a)-[r:{{type}}]->(b)
SET r += $props, r.created_at = datetime(), r.updated_at = datetime()
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties

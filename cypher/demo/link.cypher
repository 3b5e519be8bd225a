// Demo load: one relationship per row between nodes found by their (uniquely indexed) ids.
UNWIND $rows AS row
MATCH (a:{{source}} {id: row.a})
MATCH (b:{{target}} {id: row.b})
CREATE (a)-[r:{{type}}]->(b)
SET r = row.p

// Demo load: one node per row; each row is the node's complete property map (id, sort_key,
// version, created_at, location ...), prepared in graphcrm/demo. A single map SET keeps the plan
// free of Eager (reading row.x after `SET n = map` would force one).
UNWIND $rows AS row
CREATE (n:{{label}})
SET n = row

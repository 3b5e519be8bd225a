MATCH (n:{{label}} {id: $id})
SET n += $props, n.version = coalesce(n.version, 0) + 1, n.updated_at = datetime()
RETURN n {.*} AS node

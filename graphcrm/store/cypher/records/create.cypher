CREATE (n:{{label}} {id: $id, created_at: datetime(), updated_at: datetime(), version: 1})
SET n += $props
RETURN n {.*} AS node

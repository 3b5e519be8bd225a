MATCH (n:{{label}} {id: $id})
RETURN n {.*} AS node

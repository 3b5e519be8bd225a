// Taking the write lock first makes the version check and the update one atomic step.
MATCH (n:{{label}} {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN n {.*} AS node

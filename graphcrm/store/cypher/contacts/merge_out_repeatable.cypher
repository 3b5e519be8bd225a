// Former jobs and board seats keep every period, so they are copied, not merged.
MATCH (dup:Person {id: $dup})-[r:{{type}}]->(other)
MATCH (keep:Person {id: $keep})
CREATE (keep)-[moved:{{type}}]->(other)
SET moved = properties(r)
DELETE r
RETURN count(*) AS moved

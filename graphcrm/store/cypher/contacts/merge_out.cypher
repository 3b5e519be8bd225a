// The duplicate's outgoing relationships of one type move to the survivor (one per pair).
MATCH (dup:Person {id: $dup})-[r:{{type}}]->(other)
WHERE coalesce(other.id, '') <> $keep
MATCH (keep:Person {id: $keep})
MERGE (keep)-[moved:{{type}}]->(other)
SET moved += properties(r)
DELETE r
RETURN count(*) AS moved

// Lock the record a target is for, and say whether it has a target of that period type already.
MATCH (s:{{label}} {id: $id})
SET s._lock = true
REMOVE s._lock
RETURN s.id AS id, EXISTS { MATCH (s)-[:HAS_TARGET]->(:Target {period: $period}) } AS taken

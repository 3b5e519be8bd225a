// Drop a manual point so automatic geocoding takes over again.
MATCH (n:{{label}} {id: $id})
SET n.location = null, n.location_source = null
RETURN n.id AS id

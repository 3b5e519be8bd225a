// Place one record ($location null removes the point). A manual point is kept unless $force:
// only the manual override itself (and its reset) passes $force.
MATCH (n:{{label}} {id: $id})
WHERE $force OR coalesce(n.location_source, '') <> 'manual'
SET n.location = $location, n.location_source = $source, n.located_at = datetime()
RETURN n {.id, .location, .location_source} AS node

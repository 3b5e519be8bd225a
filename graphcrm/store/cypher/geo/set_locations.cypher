// Place a batch of records; rows are {id, location, source}. Manual points are never overwritten.
UNWIND $rows AS row
MATCH (n:{{label}} {id: row.id})
WHERE coalesce(n.location_source, '') <> 'manual'
SET n.location = row.location, n.location_source = row.source, n.located_at = datetime()
RETURN count(n) AS placed

// The next batch (in id order, seeking the id constraint's index) of records to geocode: those
// without a point, or with $all every one not placed by hand.
MATCH (n:{{label}})
WHERE n.id > $after
  AND ($all OR n.location IS NULL) AND coalesce(n.location_source, '') <> 'manual'
RETURN n {.id, .street, .postal_code, .city, .country} AS node
ORDER BY n.id
LIMIT $batch

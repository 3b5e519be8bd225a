// Demo load: one node per row. Rows arrive prepared (id, sort_key, version in props);
// times come as epoch seconds, cheap to send and turned into UTC datetimes here.
UNWIND $rows AS row
WITH row, datetime({epochSeconds: row.created}) AS created
CREATE (n:{{label}})
SET n = row.props, n.created_at = created, n.updated_at = created
WITH n, row
WHERE row.lat IS NOT NULL
SET n.location = point({latitude: row.lat, longitude: row.lon})

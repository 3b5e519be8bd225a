// Former jobs and board seats repeat between the same two records, one relationship per period:
// the same (since, until) updates that relationship, another period adds one.
MATCH (a:{{from_label}} {id: $from}), (b:{{to_label}} {id: $to})
OPTIONAL MATCH (a)-[old:{{type}}]->(b)
  WHERE (old.since = $since OR (old.since IS NULL AND $since IS NULL))
    AND (old.until = $until OR (old.until IS NULL AND $until IS NULL))
WITH a, b, head(collect(old)) AS same
CALL (a, b, same) {
  WITH * WHERE same IS NULL
  CREATE (a)-[r:{{type}}]->(b)
  SET r.created_at = datetime()
  RETURN r
  UNION
  WITH * WHERE same IS NOT NULL
  RETURN same AS r
}
SET r += $props, r.updated_at = datetime()
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties

// AccountPartner / Partner -> PARTNER_OF, keyed by the partner row's sf_id.
UNWIND $rows AS row
MATCH (a:Account {sf_id: row.source}), (b:Account {sf_id: row.target})
CALL (a, b, row) {
  MATCH (a)-[stale:PARTNER_OF {sf_id: row.sf_id}]->(x)
  WHERE x <> b
  DELETE stale
}
CALL (a, b, row) {
  MERGE (a)-[r:PARTNER_OF {sf_id: row.sf_id}]->(b)
  ON CREATE SET r.created_at = datetime()
  WITH * WHERE NOT all(k IN keys(row.props) WHERE coalesce(r[k] = row.props[k], r[k] IS NULL AND row.props[k] IS NULL))
  SET r += row.props, r.updated_at = datetime()
}

// Contact.ReportsToId -> REPORTS_TO, once every contact of the file exists; a change replaces the old.
UNWIND $rows AS row
WITH row WHERE coalesce(row.has_reports_to, false)
MATCH (p:Person {sf_id: row.sf_id})
CALL (p, row) {
  MATCH (p)-[old:REPORTS_TO]->(m:Person)
  WHERE m.sf_id IS NULL OR m.sf_id <> coalesce(row.reports_to, '')
  DELETE old
}
CALL (p, row) {
  WITH * WHERE row.reports_to IS NOT NULL
  MATCH (m:Person {sf_id: row.reports_to})
  MERGE (p)-[r:REPORTS_TO]->(m)
  ON CREATE SET r.created_at = datetime()
}

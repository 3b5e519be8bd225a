// User.ManagerId -> REPORTS_TO, once every user of the file exists; a changed manager replaces the old.
UNWIND $rows AS row
WITH row WHERE coalesce(row.has_manager, false)
MATCH (u:User {sf_id: row.sf_id})
CALL (u, row) {
  MATCH (u)-[old:REPORTS_TO]->(m:User)
  WHERE m.sf_id IS NULL OR m.sf_id <> coalesce(row.manager, '')
  DELETE old
}
CALL (u, row) {
  WITH * WHERE row.manager IS NOT NULL
  MATCH (m:User {sf_id: row.manager})
  MERGE (u)-[r:REPORTS_TO]->(m)
  ON CREATE SET r.created_at = datetime()
}

// OpportunityHistory -> one Change per field a snapshot gives, merged on "<snapshot id>:<field>"; the
// old values come from the snapshot before (opportunity_snapshots_old.cypher).
UNWIND $rows AS row
MATCH (o:Opportunity {sf_id: row.opportunity})
OPTIONAL MATCH (u:User {sf_id: row.by})
WITH o, row, u, datetime(row.at) AS at
UNWIND row.changes AS change
MERGE (c:Change {sf_id: change.sf_id})
ON CREATE SET c.id = randomUUID(), c.field = change.field, c.new = change.new, c.at = at, c.by = u.id,
              c.`sf:CreatedById` = CASE WHEN u IS NULL THEN row.by END,
              c.snapshot = true, c += row.extra
MERGE (o)-[:CHANGED]->(c)
RETURN count(DISTINCT row.sf_id) AS written

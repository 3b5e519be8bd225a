// <Object>History -> Change on the record it names, merged on sf_id; by = the graphcrm id of CreatedById's
// user. Fields the import keeps beyond the model (DataType, ...) stay on the Change.
UNWIND $rows AS input
// `at` travels as ISO text (fast to send) and becomes a datetime here.
WITH input, input.props AS given
WITH input {.*, props: given {.*, at: datetime(given.at)}} AS row
MATCH (r:{{label}} {sf_id: row.record})
OPTIONAL MATCH (u:User {sf_id: row.by})
MERGE (c:Change {sf_id: row.sf_id})
ON CREATE SET c.id = randomUUID(), c += row.props, c.by = u.id,
              c.`sf:CreatedById` = CASE WHEN u IS NULL THEN row.by END
MERGE (r)-[:CHANGED]->(c)

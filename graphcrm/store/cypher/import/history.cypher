// ContactHistory -> Change on the person, merged on sf_id; by = the graphcrm id of CreatedById's user.
UNWIND $rows AS input
// `at` travels as ISO text (fast to send) and becomes a datetime here.
WITH input, input.props AS given
WITH input {.*, props: given {.*, at: datetime(given.at)}} AS row
MATCH (p:Person {sf_id: row.contact})
OPTIONAL MATCH (u:User {sf_id: row.by})
MERGE (c:Change {sf_id: row.sf_id})
ON CREATE SET c.id = randomUUID(), c += row.props, c.by = u.id
MERGE (p)-[:CHANGED]->(c)

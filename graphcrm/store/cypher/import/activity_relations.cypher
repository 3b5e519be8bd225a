// EventRelation / TaskRelation -> one more WITH of an activity: a meeting with several contacts is one
// activity WITH each of them (Shared Activities). Marked via 'relation', so an activity's re-import,
// which drops WITH links its WhoId no longer names, keeps them. An activity not imported (about a lead)
// matches nothing and the row adds nothing.
UNWIND $rows AS row
MATCH (n:Activity {sf_id: row.activity})
MATCH (p:Person {sf_id: row.contact})
MERGE (n)-[w:WITH]->(p)
ON CREATE SET w.via = 'relation'
// The relation's own columns (Status, Response, IsInvitee, ...) as the import kept them.
SET w += row.props, w.sf_id = row.sf_id
RETURN count(*) AS written, collect(DISTINCT row.contact) AS touched

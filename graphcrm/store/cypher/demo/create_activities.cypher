// Demo load: the touchpoints with one person, with who logged them and what they were about.
// Grouped by person so the person and account are looked up once per group; the person's
// last-touch fields (see cypher/schema/010_touchpoints.cypher) come computed with the group.
// sort_key is '' for activities, as graphcrm.records.sort_key computes it for nodes without a name.
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (acc:Account {id: row.account})
SET p.last_touch_at = row.last_touch, p.last_meeting_at = row.last_meeting, p.last_call_at = row.last_call,
    p.last_email_at = row.last_email, p.last_event_at = row.last_event, p.last_note_at = row.last_note
WITH p, acc, row
UNWIND row.acts AS x
MATCH (u:User {id: x.user})
WITH p, acc, u, x, datetime({epochSeconds: x.at}) AS at
CREATE (a:Activity {id: x.id, kind: x.kind, at: at, subject: x.subject, duration: x.duration,
                    notes: x.notes, created_at: at, updated_at: at, version: 1, sort_key: ''})
CREATE (u)-[:LOGGED]->(a)
CREATE (a)-[:WITH]->(p)
CREATE (a)-[:ABOUT]->(acc)
WITH a, x
WHERE x.opportunity IS NOT NULL
MATCH (o:Opportunity {id: x.opportunity})
CREATE (a)-[:ABOUT]->(o)

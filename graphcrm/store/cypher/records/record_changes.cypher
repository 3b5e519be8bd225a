// One Change per tracked field that changed: the field history of a person or account.
// datetime() is the statement clock with millisecond precision, so two quick edits would tie and
// history (newest first) would come out in random order; realtime has nanoseconds and rises per row.
MATCH (n:{{label}} {id: $id})
UNWIND $changes AS c
CREATE (n)-[:CHANGED]->(:Change {id: c.id, field: c.field, old: c.old, new: c.new,
                                 at: datetime.realtime(), by: $by})

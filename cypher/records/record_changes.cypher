// One Change per tracked field that changed: the field history of a person or account.
MATCH (n:{{label}} {id: $id})
UNWIND $changes AS c
CREATE (n)-[:CHANGED]->(:Change {id: c.id, field: c.field, old: c.old, new: c.new,
                                 at: datetime(), by: $by})

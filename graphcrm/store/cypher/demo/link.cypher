// Demo load: one relationship per row between nodes found by their (uniquely indexed) ids.
// Properties are named one by one (the union over the model's relationship types; a null one is
// simply not stored): `SET r = row.p` would put an Eager into the plan.
UNWIND $rows AS row
MATCH (a:{{source}} {id: row.a})
MATCH (b:{{target}} {id: row.b})
CREATE (a)-[:{{type}} {title: row.title, department: row.department, primary: row.primary,
                       roles: row.roles, since: row.since, until: row.until, role: row.role,
                       address: row.address, source: row.source, note: row.note,
                       status: row.status, responded: row.responded}]->(b)

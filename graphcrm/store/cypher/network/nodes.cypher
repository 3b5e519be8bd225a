// The records of a view with what a label and hover card need: `values` is a plain list in the
// order of graphcrm/network.py NODE_VALUES (a list of scalars is much cheaper to send than maps
// with temporal values), `account` the name of a person's main employer, `owner` the id of a
// person's owner (for the access policy: hidden people) and `keeper` the owner whose team may see
// the person's sensitive fields (none when a rep claimed the person). One row of lists
// (graphcrm/db.py table): hundreds of records cost the driver more than one list of them.
UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid
RETURN collect([eid, labels(n),
       [n.id, n.sf_id, n.first_name, n.last_name, n.name, n.status, n.placeholder, n.active, n.title,
        n.department, n.email, n.phone, n.city, n.country, n.inactive_reason, n.type, n.industry, n.employees,
        n.website, n.stage, n.amount, n.currency, toString(n.close_date), n.probability, n.role,
        toString(n.start_date), toString(n.end_date), n.mobile, toString(n.birthdate), n.interests],
       CASE WHEN n:Person THEN COLLECT { MATCH (a:Account)-[e:EMPLOYS]->(n)
                                         RETURN a.name ORDER BY coalesce(e.primary, false) DESC LIMIT 1 }[0]
       END,
       CASE WHEN n:Person THEN COLLECT { MATCH (u:User)-[:OWNS]->(n) RETURN u.id LIMIT 1 }[0] END,
       CASE WHEN n:Person THEN COLLECT { MATCH (u:User)-[o:OWNS]->(n) WHERE NOT coalesce(o.claimed, false)
                                         RETURN u.id LIMIT 1 }[0] END]) AS rows

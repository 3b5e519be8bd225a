// What the quick-log form needs about a person: name, numbers, current employers and open deals.
MATCH (p:Person {id: $id})
RETURN p {.id, .first_name, .last_name, .phone, .mobile, .email, .status} AS person,
       COLLECT { MATCH (a:Account)-[e:EMPLOYS]->(p)
                 RETURN a {.id, .name, primary: coalesce(e.primary, false)}
                 ORDER BY coalesce(e.primary, false) DESC, a.sort_key LIMIT $cap } AS accounts,
       COLLECT { MATCH (p)-[:CONTACT_ROLE]->(o:Opportunity)
                 WHERE NOT coalesce(o.is_closed, coalesce(o.stage, '') IN ['Closed Won', 'Closed Lost'])
                 RETURN o {.id, .name} ORDER BY o.sort_key LIMIT $cap } AS opportunities

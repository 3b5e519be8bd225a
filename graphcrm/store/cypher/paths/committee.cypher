// A deal, its account and its buying committee (people with a contact role on it); `owner` and
// `account` (their main employer) are for the access policy: hidden people are "someone at ...".
MATCH (o:Opportunity {id: $id})
OPTIONAL MATCH (a:Account)-[:HAS_OPPORTUNITY]->(o)
RETURN o {.id, .name, .stage, .amount, .currency, .close_date} AS opportunity,
       a {.id, .name} AS account,
       COLLECT { MATCH (p:Person)-[r:CONTACT_ROLE]->(o)
                 RETURN {eid: elementId(p), id: p.id, first_name: p.first_name, last_name: p.last_name,
                         title: p.title, status: coalesce(p.status, 'active'),
                         placeholder: coalesce(p.placeholder, false), role: r.role,
                         primary: coalesce(r.primary, false),
                         owner: COLLECT { MATCH (u:User)-[:OWNS]->(p) RETURN u.id LIMIT 1 }[0],
                         account: COLLECT { MATCH (e:Account)-[j:EMPLOYS]->(p)
                                            RETURN e.name ORDER BY coalesce(j.primary, false) DESC LIMIT 1 }[0]}
                        AS member
                 ORDER BY member.role, p.sort_key } AS members

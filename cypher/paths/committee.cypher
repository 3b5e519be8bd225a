// A deal, its account and its buying committee (people with a contact role on it).
MATCH (o:Opportunity {id: $id})
OPTIONAL MATCH (a:Account)-[:HAS_OPPORTUNITY]->(o)
RETURN o {.id, .name, .stage, .amount, .currency, .close_date} AS opportunity,
       a {.id, .name} AS account,
       COLLECT { MATCH (p:Person)-[r:CONTACT_ROLE]->(o)
                 RETURN {eid: elementId(p), id: p.id, first_name: p.first_name, last_name: p.last_name,
                         title: p.title, status: coalesce(p.status, 'active'),
                         placeholder: coalesce(p.placeholder, false), role: r.role,
                         primary: coalesce(r.primary, false)} AS member
                 ORDER BY member.role, member.last_name } AS members

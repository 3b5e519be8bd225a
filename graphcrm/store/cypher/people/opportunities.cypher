// The deals a person has a contact role on, open ones first.
MATCH (p:Person {id: $id})
RETURN COUNT { (p)-[:CONTACT_ROLE]->(:Opportunity) } AS total,
       COLLECT { MATCH (p)-[r:CONTACT_ROLE]->(o:Opportunity)
                 RETURN {opportunity: o {.id, .name, .stage, .amount, .currency, .close_date,
                                         account: COLLECT { MATCH (a:Account)-[:HAS_OPPORTUNITY]->(o)
                                                            RETURN a {.id, .name} LIMIT 1 }[0]},
                         rel: properties(r)}
                 ORDER BY coalesce(o.is_closed, o.stage STARTS WITH 'Closed', false), o.close_date, o.sort_key, o.id
                 LIMIT $cap } AS items

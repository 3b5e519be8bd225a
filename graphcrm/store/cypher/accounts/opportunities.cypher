// An account's deals: open ones first, by close date.
MATCH (a:Account {id: $id})
RETURN COUNT { (a)-[:HAS_OPPORTUNITY]->(:Opportunity) } AS total,
       COLLECT { MATCH (a)-[:HAS_OPPORTUNITY]->(o:Opportunity)
                 RETURN o {.id, .name, .stage, .amount, .currency, .close_date, .probability}
                 ORDER BY coalesce(o.is_closed, o.stage STARTS WITH 'Closed', false), o.close_date, o.sort_key, o.id
                 LIMIT $cap } AS items

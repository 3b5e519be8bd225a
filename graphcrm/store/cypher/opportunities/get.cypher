// One deal with its account.
MATCH (o:Opportunity {id: $id})
RETURN o {.*} AS opportunity,
       COLLECT { MATCH (a:Account)-[:HAS_OPPORTUNITY]->(o)
                 RETURN a {.id, .name, .city} LIMIT 1 }[0] AS account

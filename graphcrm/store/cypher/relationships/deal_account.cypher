// The one account a deal belongs to (its owner owns the deal), if any.
MATCH (a:Account)-[:HAS_OPPORTUNITY]->(:Opportunity {id: $id})
RETURN a {.id, .name} AS account
LIMIT 1

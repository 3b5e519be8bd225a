// Partner accounts in either direction; `outgoing` says this account holds the partner role.
MATCH (a:Account {id: $id})
RETURN COUNT { (a)-[:PARTNER_OF]-(:Account) } AS total,
       COLLECT { MATCH (a)-[r:PARTNER_OF]-(b:Account)
                 RETURN {account: b {.id, .name, .city, .type}, rel: properties(r), outgoing: startNode(r) = a}
                 ORDER BY b.sort_key, b.id
                 LIMIT $cap } AS items

// The accounts a user owns, most recently changed first.
MATCH (u:User {id: $user})
RETURN COUNT { (u)-[:OWNS]->(:Account) } AS total,
       COLLECT { MATCH (u)-[o:OWNS]->(a:Account)
                 RETURN a {.id, .name, .type, .industry, .city, address: o.address}
                 ORDER BY a.updated_at DESC, a.id
                 LIMIT $cap } AS items

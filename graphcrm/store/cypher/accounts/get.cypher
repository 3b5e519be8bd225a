// One account with its owner and how the owner addresses it (du or Sie).
MATCH (a:Account {id: $id})
RETURN a {.*} AS account,
       COLLECT { MATCH (u:User)-[o:OWNS]->(a)
                 RETURN u {.id, .name, .email, address: o.address} LIMIT 1 }[0] AS owner

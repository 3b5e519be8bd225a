// The people a user owns, most recently changed first.
MATCH (u:User {id: $user})
RETURN COUNT { (u)-[:OWNS]->(:Person) } AS total,
       COLLECT { MATCH (u)-[o:OWNS]->(p:Person)
                 RETURN p {.id, .first_name, .last_name, .title, .email, .status, .placeholder,
                           address: o.address,
                           account: COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(p)
                                              RETURN a.name LIMIT 1 }[0]}
                 ORDER BY p.updated_at DESC, p.id
                 LIMIT $cap } AS items

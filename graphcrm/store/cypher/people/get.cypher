// One person with its owner and how the owner addresses them (du or Sie).
MATCH (p:Person {id: $id})
RETURN p {.*} AS person,
       COLLECT { MATCH (u:User)-[o:OWNS]->(p)
                 RETURN u {.id, .name, .email, address: o.address, claimed: coalesce(o.claimed, false)} LIMIT 1 }[0] AS owner,
       COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(p)
                 RETURN a {.id, .name} LIMIT 1 }[0] AS primary_account

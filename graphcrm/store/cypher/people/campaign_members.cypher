// The members of a campaign with their member status, in name order.
MATCH (c:Campaign {id: $id})
RETURN COUNT { (p:Person)-[:MEMBER_OF]->(c) WHERE ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team }) } AS total,
       COLLECT { MATCH (p:Person)-[r:MEMBER_OF]->(c)
                 WHERE ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
                 RETURN {person: p {.id, .first_name, .last_name, .email, .status,
                                    account: COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(p)
                                                       RETURN a.name LIMIT 1 }[0]},
                         rel: properties(r)}
                 ORDER BY p.sort_key, p.id
                 LIMIT $cap } AS items

// The members of a campaign with their member status, in name order.
MATCH (c:Campaign {id: $id})
RETURN COUNT { (:Person)-[:MEMBER_OF]->(c) } AS total,
       COLLECT { MATCH (p:Person)-[r:MEMBER_OF]->(c)
                 RETURN {person: p {.id, .first_name, .last_name, .email, .status,
                                    account: COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(p)
                                                       RETURN a.name LIMIT 1 }[0]},
                         rel: properties(r)}
                 ORDER BY p.sort_key, p.id
                 LIMIT $cap } AS items

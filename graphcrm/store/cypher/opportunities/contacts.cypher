// The buying committee of a deal: its contact roles, primary first.
MATCH (o:Opportunity {id: $id})
RETURN COUNT { (p:Person)-[:CONTACT_ROLE]->(o) WHERE ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team }) } AS total,
       COLLECT { MATCH (p:Person)-[r:CONTACT_ROLE]->(o)
                 WHERE ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
                 RETURN {person: p {.id, .first_name, .last_name, .title, .email, .status, .placeholder,
                                    account: COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(p)
                                                       RETURN a.name LIMIT 1 }[0]},
                         rel: properties(r)}
                 ORDER BY coalesce(r.primary, false) DESC, r.role, p.sort_key, p.id
                 LIMIT $cap } AS items

// People tied to a person by one type (REPORTS_TO, KNOWS); $direction is 'out', 'in' or 'both'.
MATCH (p:Person {id: $id})
RETURN COUNT { (p)-[r:{{type}}]-(q:Person)
               WHERE ($direction = 'both' OR (startNode(r) = p) = ($direction = 'out')) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(q) } OR EXISTS { (o:User)-[:OWNS]->(q) WHERE o.id IN $team }) } AS total,
       COLLECT { MATCH (p)-[r:{{type}}]-(q:Person)
                 WHERE ($direction = 'both' OR (startNode(r) = p) = ($direction = 'out')) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(q) } OR EXISTS { (o:User)-[:OWNS]->(q) WHERE o.id IN $team })
                 RETURN {person: q {.id, .first_name, .last_name, .title, .status, .placeholder,
                                    account: COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(q)
                                                       RETURN a.name LIMIT 1 }[0]},
                         rel: properties(r), outgoing: startNode(r) = p}
                 ORDER BY q.sort_key, q.id
                 LIMIT $cap } AS items

// An account's real people by one relationship type (EMPLOYS, BOARD_MEMBER, WORKED_AT): primary
// first, then current before ended, most recent first. Placeholders are listed apart.
MATCH (a:Account {id: $id})
RETURN COUNT { (a)-[:{{type}}]-(p:Person) WHERE NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team }) } AS total,
       COUNT { (a)-[:{{type}}]-(p:Person) WHERE NOT coalesce(p.placeholder, false) AND NOT ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team }) } AS hidden,
       COLLECT { MATCH (a)-[r:{{type}}]-(p:Person)
                 WHERE NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
                 RETURN {person: p {.id, .first_name, .last_name, .title, .department, .email, .phone,
                                    .status, .inactive_reason},
                         rel: properties(r)}
                 ORDER BY coalesce(r.primary, false) DESC, r.until IS NOT NULL, r.until DESC, r.since DESC,
                          p.sort_key, p.id
                 LIMIT $cap } AS items

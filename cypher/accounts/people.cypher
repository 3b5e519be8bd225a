// An account's real people by one relationship type (EMPLOYS, BOARD_MEMBER, WORKED_AT): primary
// first, then current before ended, most recent first. Placeholders are listed apart.
MATCH (a:Account {id: $id})
RETURN COUNT { (a)-[:{{type}}]-(p:Person) WHERE NOT coalesce(p.placeholder, false) } AS total,
       COLLECT { MATCH (a)-[r:{{type}}]-(p:Person)
                 WHERE NOT coalesce(p.placeholder, false)
                 RETURN {person: p {.id, .first_name, .last_name, .title, .department, .email, .phone,
                                    .status, .inactive_reason},
                         rel: properties(r)}
                 ORDER BY coalesce(r.primary, false) DESC, r.until IS NOT NULL, r.until DESC, r.since DESC,
                          p.sort_key, p.id
                 LIMIT $cap } AS items

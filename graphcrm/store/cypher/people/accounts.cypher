// A person's accounts by one relationship type (EMPLOYS, BOARD_MEMBER, WORKED_AT): primary first,
// then current before ended, most recent first.
MATCH (p:Person {id: $id})
RETURN COUNT { (p)-[:{{type}}]-(:Account) } AS total,
       COLLECT { MATCH (p)-[r:{{type}}]-(a:Account)
                 RETURN {account: a {.id, .name, .city, .type}, rel: properties(r)}
                 ORDER BY coalesce(r.primary, false) DESC, r.until IS NOT NULL, r.until DESC, r.since DESC,
                          a.sort_key, a.id
                 LIMIT $cap } AS items

// The campaigns a person is a member of, newest first.
MATCH (p:Person {id: $id})
RETURN COUNT { (p)-[:MEMBER_OF]->(:Campaign) } AS total,
       COLLECT { MATCH (p)-[r:MEMBER_OF]->(c:Campaign)
                 RETURN {campaign: c {.id, .name, .type, .status, .start_date, .end_date}, rel: properties(r)}
                 ORDER BY c.start_date DESC, c.sort_key, c.id
                 LIMIT $cap } AS items

// "Info Kontakt" placeholders of an account: stand-ins until we know its people.
MATCH (a:Account {id: $id})
RETURN COUNT { (a)-[:EMPLOYS|BOARD_MEMBER|WORKED_AT]-(p:Person) WHERE p.placeholder } AS total,
       COLLECT { MATCH (a)-[:EMPLOYS|BOARD_MEMBER|WORKED_AT]-(p:Person)
                 WHERE p.placeholder
                 WITH DISTINCT p
                 RETURN p {.id, .first_name, .last_name, .email, .phone, .status}
                 ORDER BY p.sort_key, p.id
                 LIMIT $cap } AS items

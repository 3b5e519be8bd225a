MATCH (p:Person {id: $id})
SET p._lock = true
REMOVE p._lock
RETURN p {.*, primary_account: COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(p) RETURN a.name }[0]} AS person

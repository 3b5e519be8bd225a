MATCH (p:Person {id: $id})
SET p._lock = true
REMOVE p._lock
RETURN p {.*} AS person,
       COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(p) RETURN a.id } AS accounts,
       COLLECT { MATCH (u:User)-[:OWNS]->(p) RETURN u.id }[0] AS owner

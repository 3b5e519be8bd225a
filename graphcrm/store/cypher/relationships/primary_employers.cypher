// The primary accounts of a person (one, unless the data was loaded inconsistently).
MATCH (a:Account)-[:EMPLOYS {primary: true}]->(:Person {id: $to})
RETURN a.id AS id, a.name AS name

MATCH (p:Person {id: $id})
DETACH DELETE p

// The people a user owns: "my contacts".
MATCH (:User {id: $user})-[:OWNS]->(p:Person)
RETURN elementId(p) AS eid

MATCH (u:User {id: $id})
RETURN elementId(u) AS eid

MATCH (u:User {id: $id})
RETURN u.name AS name

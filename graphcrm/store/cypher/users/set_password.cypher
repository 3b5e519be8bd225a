MATCH (u:User {id: $id})
SET u.password_hash = $hash, u.updated_at = datetime()

MATCH (u:User {id: $user_id})
CREATE (u)-[:HAS_TOKEN]->(t:ApiToken {id: $id, hash: $hash, name: $name, created_at: datetime(),
                                      revoked: false})
RETURN t {.id, .name, .created_at} AS token

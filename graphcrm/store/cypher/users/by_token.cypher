MATCH (u:User)-[:HAS_TOKEN]->(t:ApiToken {hash: $hash})
WHERE NOT t.revoked AND coalesce(u.active, true)
RETURN u {.*} AS user

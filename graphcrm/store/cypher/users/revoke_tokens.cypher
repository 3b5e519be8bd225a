MATCH (u:User {email: $email})-[:HAS_TOKEN]->(t:ApiToken)
WHERE $token_id IS NULL OR t.id = $token_id
SET t.revoked = true, t.revoked_at = datetime()
RETURN count(t) AS revoked

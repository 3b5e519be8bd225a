MATCH (u:User)-[:HAS_TOKEN]->(t:ApiToken {hash: $hash})
WHERE NOT t.revoked AND coalesce(u.active, true)
// The user's team (as users/team) in the same round trip: every API request needs it.
OPTIONAL MATCH (member:User)-[:REPORTS_TO*1..12]->(u)
WITH u, collect(DISTINCT member.id) AS team
RETURN u {.*} AS user, team

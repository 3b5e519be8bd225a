// Everyone who reports to the user, directly or through others: the user's team.
MATCH (me:User {id: $id})
OPTIONAL MATCH (member:User)-[:REPORTS_TO*1..12]->(me)
RETURN collect(DISTINCT member.id) AS team

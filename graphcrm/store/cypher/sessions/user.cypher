// The user of a session that is still alive (not past its absolute end, not idle too long), and
// whether its last-seen time is old enough to be refreshed, and the user's team (everyone who reports
// to them, as users/team): one round trip for what every request needs to know about its user.
MATCH (s:Session {id: $id})
WHERE s.expires_at > datetime() AND s.seen_at > $idle_since
MATCH (u:User {id: s.user_id})
OPTIONAL MATCH (member:User)-[:REPORTS_TO*1..12]->(u)
WITH u, s, collect(DISTINCT member.id) AS team
RETURN u {.*} AS user, s.seen_at < $touch_before AS stale, team

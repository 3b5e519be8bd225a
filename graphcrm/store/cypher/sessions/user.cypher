// The user of a session that is still alive (not past its absolute end, not idle too long), and
// whether its last-seen time is old enough to be refreshed.
MATCH (s:Session {id: $id})
WHERE s.expires_at > datetime() AND s.seen_at > $idle_since
MATCH (u:User {id: s.user_id})
RETURN u {.*} AS user, s.seen_at < $touch_before AS stale

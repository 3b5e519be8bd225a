// How many live sessions a user has (the profile page says so).
MATCH (s:Session {user_id: $user_id})
WHERE s.expires_at > datetime() AND s.seen_at > $idle_since
RETURN count(s) AS sessions

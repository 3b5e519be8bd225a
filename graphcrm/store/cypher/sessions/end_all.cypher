// Every session of a user ends (a password or role change, "sign out everywhere"), but `$keep`.
MATCH (s:Session {user_id: $user_id})
WHERE $keep IS NULL OR s.id <> $keep
DELETE s
RETURN count(s) AS ended

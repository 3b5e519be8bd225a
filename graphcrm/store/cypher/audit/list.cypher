MATCH (e:AuditEntry)
WHERE ($before IS NULL OR e.at < $before)
  AND ($user IS NULL OR e.user_id = $user OR e.user_email = $user)
  AND ($action IS NULL OR e.action = $action)
RETURN e {.*} AS entry
ORDER BY e.at DESC
LIMIT $limit

// A new session for a user who just signed in; the user's ended sessions are swept on the way.
MATCH (u:User {id: $user_id})
CREATE (:Session {id: $id, user_id: u.id, created_at: datetime(), seen_at: datetime(), expires_at: $expires_at})
WITH u
CALL (u) {
  MATCH (old:Session {user_id: u.id}) WHERE old.expires_at <= datetime() OR old.seen_at <= $idle_since
  DELETE old
}
RETURN u.id AS user_id

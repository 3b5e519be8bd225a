// Server-side sign-in sessions: the cookie holds a random token, the database its hash.
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE;
CREATE RANGE INDEX session_user IF NOT EXISTS FOR (n:Session) ON (n.user_id);
CREATE RANGE INDEX session_expires IF NOT EXISTS FOR (n:Session) ON (n.expires_at);

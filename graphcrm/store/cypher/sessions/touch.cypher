// A session in use: its idle clock starts again.
MATCH (s:Session {id: $id})
SET s.seen_at = datetime()

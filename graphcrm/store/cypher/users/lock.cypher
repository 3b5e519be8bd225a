// A user about to change, locked against concurrent changes.
MATCH (u:User {id: $id})
SET u._lock = true
REMOVE u._lock
RETURN u {.*} AS user

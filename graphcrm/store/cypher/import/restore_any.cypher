// A backup is imported only into an empty database.
RETURN EXISTS { MATCH (n) } AS any

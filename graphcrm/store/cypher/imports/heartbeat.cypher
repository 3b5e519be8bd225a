// The import thread is alive (it may spend minutes in one step without progress to save).
MATCH (j:ImportJob {id: $job})
SET j.heartbeat_at = datetime()
WITH j
OPTIONAL MATCH (l:ImportLock {key: 'import', job: $job})
SET l.heartbeat_at = datetime()

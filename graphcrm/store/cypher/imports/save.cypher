// A job's state (JSON) as the import thread sees it; the heartbeat says the thread is alive.
MERGE (j:ImportJob {id: $job})
ON CREATE SET j.created_at = datetime()
SET j.state = $state, j.heartbeat_at = datetime()
WITH j
OPTIONAL MATCH (l:ImportLock {key: 'import', job: $job})
SET l.heartbeat_at = datetime()

// The job has ended (or never started): the slot is free again.
MATCH (l:ImportLock {key: 'import', job: $job})
SET l.job = null, l.heartbeat_at = null

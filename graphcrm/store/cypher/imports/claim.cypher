// Take the one import slot for $job unless a live import holds it (its heartbeat younger than $stale_s).
// The SET first takes the node's write lock, so two hosts claiming at once are served one after the other.
MERGE (l:ImportLock {key: 'import'})
SET l.claimed_at = datetime()
WITH l, l.job IS NOT NULL AND l.heartbeat_at > datetime() - duration({seconds: $stale_s}) AS busy
CALL (l, busy) {
  WITH * WHERE NOT busy
  SET l.job = $job, l.heartbeat_at = datetime()
}
RETURN busy, l.job AS job

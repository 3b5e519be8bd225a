// Jobs older than $keep_days (and one that never started, by id) are forgotten.
MATCH (j:ImportJob)
WHERE j.id = $job OR j.created_at < datetime() - duration({days: $keep_days})
DETACH DELETE j

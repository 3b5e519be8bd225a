// A job's state, whether its thread was alive lately, and whether it has a report file.
MATCH (j:ImportJob {id: $job})
RETURN j.state AS state, j.heartbeat_at > datetime() - duration({seconds: $stale_s}) AS alive,
       j.report_gz IS NOT NULL AS has_report

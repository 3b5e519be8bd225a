// Keep a finished job's full report file (gzip-compressed) where every app host finds it.
MATCH (j:ImportJob {id: $job})
SET j.report_gz = $report

// A job's full report file, gzip-compressed.
MATCH (j:ImportJob {id: $job})
RETURN j.report_gz AS report

// New sort keys for a batch of records of one label.
UNWIND $rows AS row
MATCH (n:{{label}} {id: row.id})
SET n.sort_key = row.sort_key

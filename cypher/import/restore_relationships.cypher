// Relationships of a backup, joined to their nodes by the temporary restore key.
UNWIND $rows AS row
MATCH (a:GraphcrmRestore {_restore_key: row.from})
MATCH (b:GraphcrmRestore {_restore_key: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created

// Relationships of a backup, joined to their nodes by the temporary restore key (datetimes as in
// restore_nodes.cypher).
UNWIND $rows AS row
MATCH (a:GraphcrmRestore {_restore_key: row.from})
MATCH (b:GraphcrmRestore {_restore_key: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
FOREACH (m IN row.moments |
  SET r[m[0]] = CASE m[1]
    WHEN 'datetime' THEN datetime(m[2])
    WHEN 'localdatetime' THEN localdatetime(m[2])
    WHEN 'datetimes' THEN [x IN m[2] | datetime(x)]
    ELSE [x IN m[2] | localdatetime(x)] END)
RETURN count(r) AS created

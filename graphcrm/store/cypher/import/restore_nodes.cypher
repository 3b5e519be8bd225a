// Nodes of a backup with their own labels (names checked by the reader, passed as parameters).
// Datetimes travel as Cypher text and are parsed here; the temporary restore key joins the
// relationships to their nodes and is removed afterwards.
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.props, n:GraphcrmRestore, n._restore_key = row.key
FOREACH (m IN row.moments |
  SET n[m[0]] = CASE m[1]
    WHEN 'datetime' THEN datetime(m[2])
    WHEN 'localdatetime' THEN localdatetime(m[2])
    WHEN 'datetimes' THEN [x IN m[2] | datetime(x)]
    ELSE [x IN m[2] | localdatetime(x)] END)

// Nodes of a backup with their own labels (names checked by the reader, passed as parameters);
// the temporary restore key joins the relationships to them and is removed afterwards.
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.props, n:GraphcrmRestore, n._restore_key = row.key

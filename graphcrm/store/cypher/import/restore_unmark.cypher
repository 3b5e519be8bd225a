// Remove the restore keys of a finished backup import, in batches (an auto-commit transaction).
MATCH (n:GraphcrmRestore)
CALL (n) { REMOVE n:GraphcrmRestore, n._restore_key } IN TRANSACTIONS OF 10000 ROWS

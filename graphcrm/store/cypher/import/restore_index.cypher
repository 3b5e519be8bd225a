// A temporary index that lets a restore find nodes by their key in the backup file.
CREATE INDEX graphcrm_restore IF NOT EXISTS FOR (n:GraphcrmRestore) ON (n._restore_key)

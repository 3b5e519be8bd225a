// The restore keys' index is needed only while a backup is imported.
DROP INDEX graphcrm_restore IF EXISTS

// One bite of wiping a large graph: relationships first, so no node deletion has to take
// thousands of relationships along in one transaction (see graphcrm/demo wipe()).
MATCH ()-[r]->()
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted

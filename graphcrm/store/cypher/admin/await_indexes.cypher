// Wait until every index is online (after creating one), at most five minutes.
CALL db.awaitIndexes(300)

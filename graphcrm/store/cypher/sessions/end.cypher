// Sign-out: the session is gone, so its cookie opens nothing any more.
MATCH (s:Session {id: $id})
DELETE s
RETURN count(s) AS ended

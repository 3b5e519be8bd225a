MATCH (t:Target {id: $id})
DETACH DELETE t
RETURN count(*) AS deleted

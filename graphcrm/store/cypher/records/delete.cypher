MATCH (n:{{label}} {id: $id})
OPTIONAL MATCH (n)-[:CHANGED]->(c:Change)
DETACH DELETE c, n
RETURN count(*) AS deleted

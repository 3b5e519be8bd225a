// Bulk reassignment when a rep leaves: every record of one owner (of the chosen kinds) to another.
MATCH (old:User {id: $from})-[r:OWNS]->(n)
WHERE (n:Person AND 'person' IN $kinds) OR (n:Account AND 'account' IN $kinds)
MATCH (new:User {id: $to})
CREATE (new)-[:OWNS {address: coalesce(r.address, 'sie'), created_at: datetime(), updated_at: datetime()}]->(n)
CREATE (n)-[:CHANGED]->(:Change {id: randomUUID(), field: 'owner', old: old.name, new: new.name,
                                 at: datetime.realtime(), by: $by})
DELETE r
RETURN count(n) AS moved

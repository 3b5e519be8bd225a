MATCH (a:{{from_label}} {id: $from})-[r:{{type}}]->(b:{{to_label}} {id: $to})
DELETE r
RETURN count(r) AS deleted

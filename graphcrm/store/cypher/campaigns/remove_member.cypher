MATCH (p:Person {id: $person})-[m:MEMBER_OF]->(c:Campaign {id: $campaign})
DELETE m
RETURN count(m) AS removed

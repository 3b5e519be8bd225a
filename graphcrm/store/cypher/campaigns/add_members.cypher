MATCH (c:Campaign {id: $campaign})
UNWIND $people AS person_id
MATCH (p:Person {id: person_id})
MERGE (p)-[m:MEMBER_OF]->(c)
ON CREATE SET m.created_at = datetime(), m.status = $status, m.responded = false
SET m.updated_at = datetime()
RETURN count(m) AS members

MATCH (p:Person {id: $person})-[m:MEMBER_OF]->(c:Campaign {id: $campaign})
SET m += $props, m.updated_at = datetime()
RETURN m {.*, person: p.id, campaign: c.id} AS member

MATCH (p:Person {id: $id})
SET p += $props, p.version = coalesce(p.version, 0) + 1, p.updated_at = datetime()
RETURN p {.*} AS person

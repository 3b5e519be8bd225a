CREATE (u:User {id: $id, created_at: datetime(), updated_at: datetime(), version: 1})
SET u += $props
RETURN u {.*} AS user

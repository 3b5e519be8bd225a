// An admin's change to a user: name, role, active.
MATCH (u:User {id: $id})
SET u += $props, u.updated_at = datetime(), u.version = coalesce(u.version, 0) + 1
RETURN u {.*} AS user

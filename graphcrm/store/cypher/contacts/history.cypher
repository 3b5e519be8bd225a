MATCH (n:{{label}} {id: $id})-[:CHANGED]->(c:Change)
WHERE NOT coalesce(c.same, false)
  AND ($after_at IS NULL OR c.at < datetime($after_at) OR (c.at = datetime($after_at) AND c.id < $after_id))
OPTIONAL MATCH (u:User {id: c.by})
RETURN c {.id, .field, .old, .new, .at, .by, by_name: u.name} AS change
ORDER BY c.at DESC, c.id DESC
LIMIT $limit

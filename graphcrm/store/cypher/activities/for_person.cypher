// A person's activities, newest first, cursor-paged on (at, id).
MATCH (p:Person {id: $id})<-[:WITH]-(a:Activity)
WHERE $after_at IS NULL OR a.at < datetime($after_at) OR (a.at = datetime($after_at) AND a.id < $after_id)
RETURN a.id AS id, toString(a.at) AS at
ORDER BY a.at DESC, a.id DESC
LIMIT $limit

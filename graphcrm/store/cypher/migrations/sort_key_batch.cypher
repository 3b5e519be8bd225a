// The next batch of named records of one label in id order, for recomputing their sort keys.
MATCH (n:{{label}})
WHERE n.id > $after
RETURN n.id AS id, n.sort_key AS sort_key, n.first_name AS first_name, n.last_name AS last_name, n.name AS name
ORDER BY n.id
LIMIT $limit

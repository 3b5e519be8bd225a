// Person ids in id order, one batch at a time (for recomputing derived fields over the whole graph).
MATCH (p:Person)
WHERE $after IS NULL OR p.id > $after
RETURN p.id AS id
ORDER BY p.id
LIMIT $limit

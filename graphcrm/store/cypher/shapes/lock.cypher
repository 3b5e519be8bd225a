// Take the shapes node's write lock and read it, so two workers saving at once both keep theirs.
MERGE (s:PlanShapes {key: 'all'})
SET s.locked_at = datetime()
RETURN s.value AS value

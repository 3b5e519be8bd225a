// Keep the parameter types statements were run with (JSON, merged by store/shapes.py).
MATCH (s:PlanShapes {key: 'all'})
SET s.value = $value, s.count = $count, s.updated_at = datetime()

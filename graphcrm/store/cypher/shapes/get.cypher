// The parameter types statements were run with (JSON), for the warm-up (store/shapes.py).
OPTIONAL MATCH (s:PlanShapes {key: 'all'})
RETURN s.value AS value

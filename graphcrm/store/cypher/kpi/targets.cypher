// Targets with the record they are for; filter by id, scope record or period type; paged by id.
MATCH (s)-[:HAS_TARGET]->(t:Target)
WHERE ($id IS NULL OR t.id = $id) AND ($scope_id IS NULL OR s.id = $scope_id)
  AND ($period IS NULL OR t.period = $period) AND ($after IS NULL OR t.id > $after)
  // Targets of people the viewer may not see (private sharing) are left out: they would name them.
  AND ($see_all OR NOT s:Person OR NOT EXISTS { (:User)-[:OWNS]->(s) }
       OR EXISTS { (o:User)-[:OWNS]->(s) WHERE o.id IN $team })
RETURN t {.*, scope: CASE WHEN s:Person THEN 'person' WHEN s:Account THEN 'account' ELSE 'user' END,
          scope_id: s.id,
          scope_name: coalesce(s.name, trim(coalesce(s.first_name, '') + ' ' + coalesce(s.last_name, '')))}
       AS target
ORDER BY t.id
LIMIT $limit

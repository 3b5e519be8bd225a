MATCH (s:{{label}} {id: $scope_id})
CREATE (s)-[:HAS_TARGET]->(t:Target {id: $id, created_at: datetime(), updated_at: datetime(), version: 1})
SET t += $props
RETURN t.id AS id

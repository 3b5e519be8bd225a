// Each snapshot change's old value is the same field's value in the deal's snapshot before it; a
// field a snapshot did not change is marked `same` and left out of the field history.
UNWIND $rows AS row
WITH DISTINCT row.opportunity AS deal
MATCH (:Opportunity {sf_id: deal})-[:CHANGED]->(c:Change {snapshot: true})
WITH deal, c ORDER BY c.at, c.sf_id
WITH deal, c.field AS field, collect(c) AS changes
UNWIND range(0, size(changes) - 1) AS i
WITH changes[i] AS c, CASE WHEN i = 0 THEN null ELSE changes[i - 1].new END AS old
SET c.old = old, c.same = old IS NOT NULL AND old = c.new

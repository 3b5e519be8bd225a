// A batch of Salesforce campaigns, merged on sf_id; only changed ones get a new version.
UNWIND $rows AS row
OPTIONAL MATCH (old:Campaign {sf_id: row.sf_id})
WITH row, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (c:Campaign {sf_id: row.sf_id})
ON CREATE SET c += row.props, c.id = randomUUID(), c.created_at = datetime(), c.updated_at = datetime(),
              c.version = 1
WITH c, row, before, CASE WHEN before IS NULL THEN [] ELSE
       [k IN keys(row.props) WHERE NOT coalesce(before[k] = row.props[k], before[k] IS NULL AND row.props[k] IS NULL)]
     END AS changed
CALL (c, row, changed) {
  WITH * WHERE size(changed) > 0
  SET c += row.props, c.updated_at = datetime(), c.version = coalesce(c.version, 0) + 1
}
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN size(changed) > 0 THEN 1 ELSE 0 END) AS updated

// A batch of Salesforce opportunities, merged on sf_id; AccountId -> the one HAS_OPPORTUNITY.
UNWIND $rows AS row
OPTIONAL MATCH (old:Opportunity {sf_id: row.sf_id})
WITH row, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (o:Opportunity {sf_id: row.sf_id})
ON CREATE SET o += row.props, o.id = randomUUID(), o.created_at = datetime(), o.updated_at = datetime(),
              o.version = 1
WITH o, row, before, CASE WHEN before IS NULL THEN [] ELSE
       [k IN keys(row.props) WHERE NOT coalesce(before[k] = row.props[k], before[k] IS NULL AND row.props[k] IS NULL)]
     END AS changed
CALL (o, row, before, changed) {
  WITH * WHERE size(changed) > 0
  SET o += row.props, o.updated_at = datetime(), o.version = coalesce(o.version, 0) + 1
  // Tracked fields and the org's own fields (sf:...) leave a Change, as records.update does.
  WITH * UNWIND [f IN changed WHERE f IN $tracked OR f STARTS WITH 'sf:'] AS f
  CREATE (o)-[:CHANGED]->(:Change {id: randomUUID(),
      field: CASE WHEN f STARTS WITH 'sf:' THEN substring(f, 3) ELSE f END, old: toString(before[f]),
                                   new: toString(row.props[f]), at: datetime(), by: $by})
}
CALL (o, row) {
  WITH * WHERE row.has_account
  MATCH (former:Account)-[h:HAS_OPPORTUNITY]->(o)
  WHERE former.sf_id IS NULL OR former.sf_id <> coalesce(row.account, '')
  DELETE h
}
CALL (o, row) {
  WITH * WHERE row.account IS NOT NULL
  MATCH (a:Account {sf_id: row.account})
  MERGE (a)-[h:HAS_OPPORTUNITY]->(o)
  ON CREATE SET h.created_at = datetime()
}
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN size(changed) > 0 THEN 1 ELSE 0 END) AS updated

// A batch of Salesforce accounts, merged on sf_id. Only changed records get a new version, and each
// changed tracked field leaves a Change (as records.update does); OwnerId -> the one OWNS.
UNWIND $rows AS row
OPTIONAL MATCH (old:Account {sf_id: row.sf_id})
WITH row, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (a:Account {sf_id: row.sf_id})
ON CREATE SET a += row.props, a.id = randomUUID(), a.created_at = datetime(), a.updated_at = datetime(),
              a.version = 1
WITH a, row, before, CASE WHEN before IS NULL THEN [] ELSE
       [k IN keys(row.props) WHERE NOT coalesce(before[k] = row.props[k], before[k] IS NULL AND row.props[k] IS NULL)]
     END AS changed
CALL (a, row, before, changed) {
  WITH * WHERE size(changed) > 0
  SET a += row.props, a.updated_at = datetime(), a.version = coalesce(a.version, 0) + 1
  WITH * UNWIND [f IN changed WHERE f IN $tracked OR f STARTS WITH 'sf:'] AS f
  CREATE (a)-[:CHANGED]->(:Change {id: randomUUID(),
      field: CASE WHEN f STARTS WITH 'sf:' THEN substring(f, 3) ELSE f END, old: toString(before[f]),
                                   new: toString(row.props[f]), at: datetime(), by: $by})
}
CALL (a, row) {
  WITH * WHERE row.owner IS NOT NULL
  MATCH (u:User {sf_id: row.owner})
  OPTIONAL MATCH (former:User)-[gone:OWNS]->(a) WHERE former <> u
  WITH a, row, u, collect(former.name) AS formers, collect(gone) AS gones
  FOREACH (g IN gones | DELETE g)
  MERGE (u)-[o:OWNS]->(a)
  ON CREATE SET o.address = coalesce(row.address, 'sie'), o.created_at = datetime(), o.updated_at = datetime()
  FOREACH (_ IN CASE WHEN row.address IS NOT NULL AND o.address <> row.address THEN [1] ELSE [] END |
    SET o.address = row.address, o.updated_at = datetime())
  FOREACH (name IN formers[0..1] |
    CREATE (a)-[:CHANGED]->(:Change {id: randomUUID(), field: 'owner', old: name, new: u.name,
                                     at: datetime(), by: $by}))
}
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN size(changed) > 0 THEN 1 ELSE 0 END) AS updated

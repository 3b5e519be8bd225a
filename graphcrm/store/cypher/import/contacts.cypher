// A batch of Salesforce contacts, merged on sf_id (see accounts.cypher for versions and history).
// AccountId is the primary account: one EMPLOYS edge, the same one a direct AccountContactRelation
// merges into; a new primary account demotes the old one and is kept in the field history.
UNWIND $rows AS row
OPTIONAL MATCH (old:Person {sf_id: row.sf_id})
WITH row, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (p:Person {sf_id: row.sf_id})
ON CREATE SET p.status = 'active', p.placeholder = false, p += row.props, p.id = randomUUID(),
              p.created_at = datetime(), p.updated_at = datetime(), p.version = 1
WITH p, row, before, CASE WHEN before IS NULL THEN [] ELSE
       [k IN keys(row.props) WHERE NOT coalesce(before[k] = row.props[k], before[k] IS NULL AND row.props[k] IS NULL)]
     END AS changed
CALL (p, row, before, changed) {
  WITH * WHERE size(changed) > 0
  SET p += row.props, p.updated_at = datetime(), p.version = coalesce(p.version, 0) + 1
  WITH * UNWIND [f IN changed WHERE f IN $tracked OR f STARTS WITH 'sf:'] AS f
  CREATE (p)-[:CHANGED]->(:Change {id: randomUUID(),
      field: CASE WHEN f STARTS WITH 'sf:' THEN substring(f, 3) ELSE f END, old: toString(before[f]),
                                   new: toString(row.props[f]), at: datetime(), by: $by})
}
CALL (p, row, before) {
  WITH * WHERE row.has_account AND before IS NOT NULL
  MATCH (former:Account)-[e:EMPLOYS {primary: true}]->(p)
  WHERE former.sf_id IS NULL OR former.sf_id <> coalesce(row.account, '')
  SET e.primary = false, e.updated_at = datetime()
  WITH p, row, collect(former.name) AS formers
  OPTIONAL MATCH (now:Account {sf_id: row.account})
  FOREACH (name IN formers[0..1] |
    CREATE (p)-[:CHANGED]->(:Change {id: randomUUID(), field: 'primary_account', old: name, new: now.name,
                                     at: datetime(), by: $by}))
}
CALL (p, row) {
  WITH * WHERE row.account IS NOT NULL
  MATCH (a:Account {sf_id: row.account})
  MERGE (a)-[e:EMPLOYS]->(p)
  ON CREATE SET e.created_at = datetime()
  WITH * WHERE NOT (coalesce(e.primary, false) AND all(k IN keys(row.employs)
                    WHERE coalesce(e[k] = row.employs[k], e[k] IS NULL AND row.employs[k] IS NULL)))
  SET e += row.employs, e.primary = true, e.updated_at = datetime()
}
CALL (p, row) {
  WITH * WHERE row.owner IS NOT NULL
  MATCH (u:User {sf_id: row.owner})
  OPTIONAL MATCH (former:User)-[gone:OWNS]->(p) WHERE former <> u
  WITH p, row, u, collect(former.name) AS formers, collect(gone) AS gones
  FOREACH (g IN gones | DELETE g)
  MERGE (u)-[o:OWNS]->(p)
  ON CREATE SET o.address = coalesce(row.address, 'sie'), o.created_at = datetime(), o.updated_at = datetime()
  FOREACH (_ IN CASE WHEN row.address IS NOT NULL AND o.address <> row.address THEN [1] ELSE [] END |
    SET o.address = row.address, o.updated_at = datetime())
  FOREACH (name IN formers[0..1] |
    CREATE (p)-[:CHANGED]->(:Change {id: randomUUID(), field: 'owner', old: name, new: u.name,
                                     at: datetime(), by: $by}))
}
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN size(changed) > 0 THEN 1 ELSE 0 END) AS updated

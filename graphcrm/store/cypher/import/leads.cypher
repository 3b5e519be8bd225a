// A batch of Salesforce leads. A lead is a person with status 'lead' (merged on sf_id, tracked like a
// contact, OwnerId -> the one OWNS); a re-import never sets the status back, so a lead qualified in
// graphcrm stays qualified. A converted lead is the contact it became: its values are kept there as
// "sf:Lead.<Field>", its id joins the contact's sf_lead_ids, and a person imported for it while it was
// still a lead is returned to be merged into the contact (importer.py).
UNWIND $rows AS row
OPTIONAL MATCH (old:Person {sf_id: row.sf_id})
WITH row, old, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
OPTIONAL CALL (row, before) {
  WITH * WHERE row.converted IS NULL
  MERGE (p:Person {sf_id: row.sf_id})
  ON CREATE SET p.status = 'lead', p.placeholder = false, p += row.props, p.id = randomUUID(),
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
  CALL (p, row) {
    WITH * WHERE row.owner IS NOT NULL
    MATCH (u:User {sf_id: row.owner})
    OPTIONAL MATCH (former:User)-[gone:OWNS]->(p) WHERE former <> u
    WITH p, row, u, collect(former.name) AS formers, collect(gone) AS gones
    FOREACH (g IN gones | DELETE g)
    MERGE (u)-[o:OWNS]->(p)
    ON CREATE SET o.address = 'sie', o.created_at = datetime(), o.updated_at = datetime()
    FOREACH (name IN formers[0..1] |
      CREATE (p)-[:CHANGED]->(:Change {id: randomUUID(), field: 'owner', old: name, new: u.name,
                                       at: datetime(), by: $by}))
  }
  RETURN before IS NULL AS created, size(changed) > 0 AS updated
}
OPTIONAL CALL (row, old) {
  WITH * WHERE row.converted IS NOT NULL
  MATCH (p:Person {sf_id: row.converted})
  WITH p, row, old, [k IN keys(row.props) WHERE NOT coalesce(p[k] = row.props[k], p[k] IS NULL AND row.props[k] IS NULL)]
       + CASE WHEN row.sf_id IN coalesce(p.sf_lead_ids, []) THEN [] ELSE ['sf_lead_ids'] END AS changed
  CALL (p, row, changed) {
    WITH * WHERE size(changed) > 0
    SET p += row.props, p.updated_at = datetime(), p.version = coalesce(p.version, 0) + 1,
        p.sf_lead_ids = [x IN coalesce(p.sf_lead_ids, []) WHERE x <> row.sf_id] + row.sf_id
  }
  RETURN size(changed) > 0 AS merged, CASE WHEN old IS NOT NULL AND old <> p THEN [old.id, p.id] END AS pair
}
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN updated OR merged THEN 1 ELSE 0 END) AS updated,
       [x IN collect(pair) WHERE x IS NOT NULL] AS merge

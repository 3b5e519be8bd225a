// A batch of Salesforce users, merged on sf_id. A user created here before (same e-mail, no sf_id)
// is the same person and is adopted, not duplicated. New users get the role rep and no password.
UNWIND $rows AS row
OPTIONAL MATCH (bysf:User {sf_id: row.sf_id})
OPTIONAL MATCH (bymail:User {email: row.props.email}) WHERE bysf IS NULL AND bymail.sf_id IS NULL
WITH row, coalesce(bysf, bymail) AS old
WITH row, old, CASE WHEN old IS NULL THEN [] ELSE
       [k IN keys(row.props) WHERE NOT coalesce(old[k] = row.props[k], old[k] IS NULL AND row.props[k] IS NULL)]
     END AS changed
CALL (row, old) {
  WITH row WHERE old IS NULL
  CREATE (u:User {id: randomUUID(), sf_id: row.sf_id, role: 'rep', active: true, version: 1,
                  created_at: datetime(), updated_at: datetime()})
  SET u += row.props
}
CALL (row, old, changed) {
  WITH * WHERE old IS NOT NULL AND (size(changed) > 0 OR old.sf_id IS NULL)
  SET old += row.props, old.sf_id = row.sf_id, old.updated_at = datetime(),
      old.version = coalesce(old.version, 0) + 1
}
RETURN sum(CASE WHEN old IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN old IS NOT NULL AND size(changed) > 0 THEN 1 ELSE 0 END) AS updated

// AccountContactRelation: EMPLOYS (merged with the contact's primary edge for a direct one), BOARD_MEMBER
// for board roles, WORKED_AT when ended. What the relation no longer is, is removed.
UNWIND $rows AS row
MATCH (p:Person {sf_id: row.contact}), (a:Account {sf_id: row.account})
CALL (p, a, row) {
  MATCH (p)-[w:WORKED_AT|BOARD_MEMBER {sf_id: row.sf_id}]->(a)
  WHERE (type(w) = 'WORKED_AT' AND row.worked IS NULL) OR (type(w) = 'BOARD_MEMBER' AND row.board IS NULL)
  DELETE w
}
CALL (p, a, row) {
  WITH * WHERE row.employs IS NULL AND NOT row.direct
  MATCH (a)-[e:EMPLOYS {sf_id: row.sf_id}]->(p)
  WHERE NOT coalesce(e.primary, false)
  DELETE e
}
CALL (p, a, row) {
  WITH * WHERE row.employs IS NOT NULL
  MERGE (a)-[e:EMPLOYS]->(p)
  ON CREATE SET e.created_at = datetime()
  WITH * WHERE NOT (coalesce(e.sf_id = row.sf_id, false) AND all(k IN keys(row.employs)
                    WHERE coalesce(e[k] = row.employs[k], e[k] IS NULL AND row.employs[k] IS NULL)))
  SET e += row.employs, e.sf_id = row.sf_id, e.updated_at = datetime()
}
CALL (p, a, row) {
  // Contact.AccountId decides the primary account; a direct relation makes it primary only when
  // no other account is (an export without Contact.csv, or a relation the contact file agrees with).
  WITH * WHERE row.direct AND NOT EXISTS { (o:Account)-[:EMPLOYS {primary: true}]->(p) WHERE o <> a }
  MATCH (a)-[e:EMPLOYS]->(p)
  WHERE NOT coalesce(e.primary, false)
  SET e.primary = true, e.updated_at = datetime()
}
CALL (p, a, row) {
  WITH * WHERE row.worked IS NOT NULL
  MERGE (p)-[w:WORKED_AT {sf_id: row.sf_id}]->(a)
  ON CREATE SET w.created_at = datetime()
  WITH * WHERE NOT all(k IN keys(row.worked) WHERE coalesce(w[k] = row.worked[k], w[k] IS NULL AND row.worked[k] IS NULL))
  SET w += row.worked, w.updated_at = datetime()
}
CALL (p, a, row) {
  WITH * WHERE row.board IS NOT NULL
  MERGE (p)-[b:BOARD_MEMBER {sf_id: row.sf_id}]->(a)
  ON CREATE SET b.created_at = datetime()
  WITH * WHERE NOT all(k IN keys(row.board) WHERE coalesce(b[k] = row.board[k], b[k] IS NULL AND row.board[k] IS NULL))
  SET b += row.board, b.updated_at = datetime()
}

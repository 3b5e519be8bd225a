// ContentDocumentLink -> a Lightning note (ContentNote, an Activity) WITH the contact or lead, or ABOUT
// the account or deal, it is shared with. Marked via 'link', so the note's re-import, which drops links
// its own row no longer names, keeps them. A note not imported matches nothing and the row adds nothing.
UNWIND $rows AS row
MATCH (n:Activity {sf_id: row.activity})
CALL (n, row) {
  WITH * WHERE row.contact IS NOT NULL
  MATCH (p:Person {sf_id: row.contact})
  MERGE (n)-[w:WITH]->(p)
  ON CREATE SET w.via = 'link'
  SET w += row.props, w.sf_id = row.sf_id
}
CALL (n, row) {
  WITH * WHERE row.account IS NOT NULL
  MATCH (a:Account {sf_id: row.account})
  MERGE (n)-[x:ABOUT]->(a)
  ON CREATE SET x.via = 'link'
  SET x += row.props, x.sf_id = row.sf_id
}
CALL (n, row) {
  WITH * WHERE row.opportunity IS NOT NULL
  MATCH (o:Opportunity {sf_id: row.opportunity})
  MERGE (n)-[x:ABOUT]->(o)
  ON CREATE SET x.via = 'link'
  SET x += row.props, x.sf_id = row.sf_id
}
RETURN count(*) AS written, [c IN collect(DISTINCT row.contact) WHERE c IS NOT NULL] AS touched

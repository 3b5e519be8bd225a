// After a merge the survivor keeps one primary account and one owner: its own where it had them.
MATCH (keep:Person {id: $keep})
CALL (keep) {
  MATCH (a:Account)-[e:EMPLOYS {primary: true}]->(keep)
  WITH e, CASE WHEN a.id IN $own_accounts THEN 0 ELSE 1 END AS rank
  ORDER BY rank, e.since DESC
  WITH collect(e) AS primaries
  FOREACH (e IN primaries[1..] | SET e.primary = false)
}
CALL (keep) {
  MATCH (u:User)-[o:OWNS]->(keep)
  WITH o, CASE WHEN u.id = $own_owner THEN 0 ELSE 1 END AS rank
  ORDER BY rank
  WITH collect(o) AS owners
  FOREACH (o IN owners[1..] | DELETE o)
}
RETURN keep.id AS id

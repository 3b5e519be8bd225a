// Inactive contacts, longest lost first, so few stay inactive for long.
MATCH (p:Person {status: 'inactive'})
WHERE NOT coalesce(p.placeholder, false)
  AND ($owner IS NULL OR EXISTS { (:User {id: $owner})-[:OWNS]->(p) })
  AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
OPTIONAL MATCH (former:Account)<-[w:WORKED_AT]-(p)
WITH p, former, w ORDER BY w.until DESC
WITH p, collect(former.name)[0] AS last_account
RETURN p {.id, .first_name, .last_name, .email, .inactive_reason, .inactive_since, .title,
          owner: COLLECT { MATCH (u:User)-[:OWNS]->(p) RETURN u.id LIMIT 1 }[0],
          account: coalesce(COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(p) RETURN a.name }[0], last_account)} AS person
ORDER BY p.inactive_since ASC, p.sort_key ASC
SKIP $skip
LIMIT $limit

// Inactive contacts, longest lost first, so few stay inactive for long. The page is chosen first, and
// only its rows look up their owner and last employer.
MATCH (p:Person {status: 'inactive'})
WHERE NOT coalesce(p.placeholder, false)
  AND ($owner IS NULL OR EXISTS { (:User {id: $owner})-[:OWNS]->(p) })
  AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
WITH p ORDER BY p.inactive_since ASC, p.sort_key ASC
SKIP $skip
LIMIT $limit
RETURN p {.id, .first_name, .last_name, .email, .inactive_reason, .inactive_since, .title,
          owner: COLLECT { MATCH (u:User)-[:OWNS]->(p) RETURN u.id LIMIT 1 }[0],
          account: coalesce(COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(p) RETURN a.name }[0],
                            COLLECT { MATCH (former:Account)<-[w:WORKED_AT]-(p)
                                      RETURN former.name ORDER BY w.until DESC }[0])} AS person
ORDER BY p.inactive_since ASC, p.sort_key ASC

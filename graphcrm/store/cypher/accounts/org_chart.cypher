// The org chart of an account: its current (non-placeholder) people and who of them reports to whom.
MATCH (a:Account {id: $id})
CALL (a) {
  MATCH (a)-[e:EMPLOYS]->(p:Person)
  WHERE NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
  RETURN p, e
  ORDER BY p.sort_key, p.id
  LIMIT $cap
}
WITH a, collect(p) AS nodes, collect(p {.id, .first_name, .last_name, .status, .inactive_reason,
                                       title: coalesce(e.title, p.title)}) AS people
RETURN people,
       COUNT { (a)-[:EMPLOYS]->(q:Person) WHERE NOT coalesce(q.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(q) } OR EXISTS { (o:User)-[:OWNS]->(q) WHERE o.id IN $team }) } AS total,
       COLLECT { UNWIND nodes AS p
                 MATCH (p)-[:REPORTS_TO]->(m:Person)
                 WHERE m IN nodes
                 RETURN [p.id, m.id] } AS edges

// Activities by id, in the order given, with who logged them, their people (capped, each with its owner
// and main employer for the access policy) and what they were about.
UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Activity {id: $ids[i]})
RETURN a {.*,
  logged_by: COLLECT { MATCH (u:User)-[:LOGGED]->(a) RETURN u {.id, .name} LIMIT 1 }[0],
  people: COLLECT { MATCH (a)-[:WITH]->(q:Person)
                    RETURN q {.id, name: trim(coalesce(q.first_name, '') + ' ' + coalesce(q.last_name, '')),
                              owner: COLLECT { MATCH (o:User)-[:OWNS]->(q) RETURN o.id LIMIT 1 }[0],
                              account: COLLECT { MATCH (e:Account)-[j:EMPLOYS]->(q)
                                                 RETURN e.name ORDER BY coalesce(j.primary, false) DESC LIMIT 1 }[0]}
                    ORDER BY q.sort_key, q.id LIMIT $people_cap },
  people_total: COUNT { (a)-[:WITH]->(:Person) },
  about: COLLECT { MATCH (a)-[:ABOUT]->(x) WHERE x:Account OR x:Opportunity
                   RETURN x {.id, .name, kind: CASE WHEN x:Account THEN 'account' ELSE 'opportunity' END} }
} AS activity
ORDER BY i

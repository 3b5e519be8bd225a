// The rows of one stale-report page, in the order given: name, contact data, owner, main account.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (p:Person {id: row.person})
RETURN p.id AS person,
       trim(coalesce(p.first_name, '') + ' ' + coalesce(p.last_name, '')) AS name,
       row.last AS last_touch,
       CASE WHEN row.last IS NULL THEN null ELSE duration.inDays(row.last, $now).days END AS days_since,
       p.email AS email, p.phone AS phone, p.team AS team,
       COLLECT { MATCH (u:User)-[:OWNS]->(p) RETURN u {.id, .name} LIMIT 1 }[0] AS owner,
       COLLECT { MATCH (a:Account)-[e:EMPLOYS]->(p)
                 RETURN a {.id, .name} ORDER BY coalesce(e.primary, false) DESC, a.sort_key LIMIT 1 }[0] AS account
ORDER BY i

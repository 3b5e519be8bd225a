// What path ranking and explanations need of each candidate record.
UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid
RETURN eid, labels(n) AS labels, n.id AS id, n.first_name AS first_name, n.last_name AS last_name,
       n.name AS name, n.status AS status, n.department AS department, n.employees AS employees,
       CASE WHEN n:Account THEN COUNT { (n)-[:EMPLOYS]->() } END AS people

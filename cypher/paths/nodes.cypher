// What path ranking and explanations need of each candidate record, as few values as possible.
UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid
RETURN eid,
       CASE WHEN n:Person THEN 'person' WHEN n:Account THEN 'account' WHEN n:Opportunity THEN 'opportunity'
            WHEN n:User THEN 'user' ELSE 'other' END AS kind,
       n.id AS id,
       CASE WHEN n:Person THEN trim(coalesce(n.first_name, '') + ' ' + coalesce(n.last_name, '')) ELSE n.name END AS name,
       n.status AS status, n.department AS department,
       CASE WHEN n:Account THEN coalesce(n.employees, COUNT { (n)-[:EMPLOYS]->() }) END AS size

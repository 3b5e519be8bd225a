// What path ranking and explanations need of each candidate record, as few values as possible,
// in one row of lists: thousands of small records cost the driver more than one list of them.
UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid
RETURN collect([eid,
       CASE WHEN n:Person THEN 'person' WHEN n:Account THEN 'account' WHEN n:Opportunity THEN 'opportunity'
            WHEN n:User THEN 'user' ELSE 'other' END,
       n.id,
       CASE WHEN n:Person THEN trim(coalesce(n.first_name, '') + ' ' + coalesce(n.last_name, '')) ELSE n.name END,
       n.status, n.department,
       CASE WHEN n:Account THEN coalesce(n.employees, COUNT { (n)-[:EMPLOYS]->() }) END]) AS rows

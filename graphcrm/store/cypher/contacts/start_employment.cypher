MATCH (a:Account {id: $account}), (p:Person {id: $id})
OPTIONAL MATCH (:Account)-[other:EMPLOYS {primary: true}]->(p)
SET other.primary = false
MERGE (a)-[e:EMPLOYS]->(p)
ON CREATE SET e.created_at = datetime()
SET e.primary = true, e.title = $title, e.department = $department, e.since = $since, e.updated_at = datetime()
RETURN a.name AS name

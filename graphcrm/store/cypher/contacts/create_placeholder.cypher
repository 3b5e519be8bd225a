// An "Info Kontakt" for an account whose people we do not know yet.
MATCH (a:Account {id: $account})
OPTIONAL MATCH (owner:User)-[o:OWNS]->(a)
CREATE (p:Person {id: $id, last_name: 'Info Kontakt', sort_key: 'info kontakt', email: $email,
                  placeholder: true, status: 'active', version: 1, created_at: datetime(), updated_at: datetime()})
CREATE (a)-[:EMPLOYS {primary: true, created_at: datetime(), updated_at: datetime()}]->(p)
FOREACH (u IN CASE WHEN owner IS NULL THEN [] ELSE [owner] END |
  CREATE (u)-[:OWNS {address: coalesce(o.address, 'sie'), created_at: datetime(), updated_at: datetime()}]->(p))
RETURN p {.*} AS person

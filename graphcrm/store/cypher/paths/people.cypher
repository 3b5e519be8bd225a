// The people on found paths (only these, never the candidates): their owner, for the access policy,
// and their main employer, which names them when they are hidden ("someone at ACME").
UNWIND $eids AS eid
MATCH (p:Person) WHERE elementId(p) = eid
RETURN eid,
       COLLECT { MATCH (u:User)-[:OWNS]->(p) RETURN u.id LIMIT 1 }[0] AS owner,
       COLLECT { MATCH (a:Account)-[e:EMPLOYS]->(p) RETURN a.name ORDER BY coalesce(e.primary, false) DESC LIMIT 1 }[0]
         AS account

// Empty means: no CRM records yet (users and API tokens alone do not count).
RETURN NOT EXISTS { MATCH (n:Person|Account|Opportunity|Campaign|Activity) } AS empty

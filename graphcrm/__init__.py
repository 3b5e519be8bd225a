"""graphcrm: a relationship explorer for account managers, on Neo4j and Flask."""

// One record's address and location; for a person also the point of the account it works at
// (the primary one first), which is where a person without an address of their own is shown.
MATCH (n:{{label}} {id: $id})
RETURN n {.id, .street, .postal_code, .city, .country, .location, .location_source} AS node,
       COLLECT { MATCH (a:Account)-[e:EMPLOYS]->(n) WHERE a.location IS NOT NULL
                 RETURN a.location ORDER BY coalesce(e.primary, false) DESC, a.sort_key, a.id LIMIT 1 }[0]
         AS employer_location

// The account a person works at for their vCard: the primary employer first.
MATCH (a:Account)-[e:EMPLOYS]->(:Person {id: $id})
RETURN a.name AS name, coalesce(e.department, '') AS department
ORDER BY coalesce(e.primary, false) DESC, a.sort_key
LIMIT 1

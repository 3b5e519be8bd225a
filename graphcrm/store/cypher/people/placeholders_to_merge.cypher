// "Info Kontakt" placeholders at accounts where we now know real people: candidates to merge into them.
// A label scan like the duplicates list: placeholders are few and the page is for admins.
MATCH (ph:Person)
WHERE ph.placeholder = true
MATCH (a:Account)-[:EMPLOYS]->(ph)
WITH ph, a,
     COLLECT { MATCH (a)-[:EMPLOYS]->(p:Person)
               WHERE NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
               RETURN p {.id, .first_name, .last_name, .email, .title}
               ORDER BY p.sort_key, p.id
               LIMIT 25 } AS people
WHERE size(people) > 0
RETURN ph {.id, .first_name, .last_name, .email} AS placeholder, a {.id, .name} AS account, people
ORDER BY a.sort_key, ph.id
LIMIT $limit

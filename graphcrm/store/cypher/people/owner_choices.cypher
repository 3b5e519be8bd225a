// Active CRM users to choose an owner from, by name, with how many records each owns.
MATCH (u:User)
WHERE coalesce(u.active, true)
RETURN u {.id, .name, .email, .role,
          people: COUNT { (u)-[:OWNS]->(:Person) },
          accounts: COUNT { (u)-[:OWNS]->(:Account) }} AS user
ORDER BY toLower(u.name), u.id
LIMIT $cap

// Accounts whose name is exactly this one (case-insensitive): to resolve a name typed in a form.
MATCH (a:Account)
WHERE a.sort_key = $key
RETURN a {.id, .name, .city} AS account
ORDER BY a.id
LIMIT $limit

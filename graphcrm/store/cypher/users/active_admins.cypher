// How many active admins there are (the last one may not be demoted).
MATCH (u:User {role: 'admin'})
WHERE coalesce(u.active, true)
RETURN count(u) AS admins

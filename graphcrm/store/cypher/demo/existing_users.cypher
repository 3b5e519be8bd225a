MATCH (u:User)
WHERE u.email IN $emails
RETURN u.email AS email
ORDER BY email

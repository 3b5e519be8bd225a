MATCH (u:User {email: $email})
RETURN u {.*} AS user

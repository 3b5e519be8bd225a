// Whether an account employs a person now, and whether it is their primary account.
MATCH (:Account {id: $account})-[e:EMPLOYS]->(:Person {id: $id})
RETURN coalesce(e.primary, false) AS primary
LIMIT 1

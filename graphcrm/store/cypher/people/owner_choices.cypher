// Active CRM users to choose an owner from, by name, with how many records each owns.
// OWNS joins a user to people and accounts only: a user's people are their OWNS degree (read from the
// node, no visit of the 100,000 people of a large org) less their accounts, counted from the accounts.
CALL () {
  MATCH (:Account)<-[:OWNS]-(owner)
  WITH owner, count(*) AS accounts
  RETURN collect({id: owner.id, accounts: accounts}) AS counted
}
MATCH (u:User)
WHERE coalesce(u.active, true)
WITH u, COUNT { (u)-[:OWNS]->() } AS owned, coalesce([c IN counted WHERE c.id = u.id][0].accounts, 0) AS accounts
RETURN u {.id, .name, .email, .role, people: owned - accounts, accounts: accounts} AS user
ORDER BY u.sort_key, u.id
LIMIT $cap

// Which of the referenced records are missing, and whether the deal belongs to the account.
RETURN [pid IN $people WHERE NOT EXISTS { MATCH (:Person {id: pid}) }] AS missing_people,
       $account IS NULL OR EXISTS { MATCH (:Account {id: $account}) } AS account_found,
       $opportunity IS NULL OR EXISTS { MATCH (:Opportunity {id: $opportunity}) } AS opportunity_found,
       $account IS NULL OR $opportunity IS NULL
         OR EXISTS { MATCH (:Account {id: $account})-[:HAS_OPPORTUNITY]->(:Opportunity {id: $opportunity}) }
         AS opportunity_at_account

MATCH (a:Account {id: $account})-[e:EMPLOYS {primary: true}]->(p:Person {id: $id})
RETURN a.id AS account

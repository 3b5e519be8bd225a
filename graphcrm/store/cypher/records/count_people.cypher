// An account that still has people (now or formerly) or deals cannot be deleted.
MATCH (a:Account {id: $id})
RETURN COUNT { (a)-[:EMPLOYS]->(:Person) } + COUNT { (a)<-[:WORKED_AT|BOARD_MEMBER]-(:Person) } AS people,
       COUNT { (a)-[:HAS_OPPORTUNITY]->(:Opportunity) } AS opportunities

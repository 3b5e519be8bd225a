// An account that still has people (now or formerly) cannot be deleted.
MATCH (a:Account {id: $id})
RETURN COUNT { (a)-[:EMPLOYS]->(:Person) } + COUNT { (a)<-[:WORKED_AT|BOARD_MEMBER]-(:Person) } AS people

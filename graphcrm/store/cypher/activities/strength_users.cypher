// The element ids strength.summaries works with: the person, the asking user, and the users who
// logged activities with the person or own them (capped).
MATCH (p:Person {id: $id})
RETURN elementId(p) AS person,
       COLLECT { MATCH (me:User {id: $user}) RETURN {eid: elementId(me), id: me.id, name: me.name} }[0] AS me,
       COLLECT { CALL (p) {
                   MATCH (u:User)-[:LOGGED]->(:Activity)-[:WITH]->(p) RETURN u
                   UNION
                   MATCH (u:User)-[:OWNS]->(p) RETURN u }
                 RETURN {eid: elementId(u), id: u.id, name: u.name} LIMIT $cap } AS users

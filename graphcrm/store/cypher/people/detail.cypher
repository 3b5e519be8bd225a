// One person with everything the person page shows about their ties, in one round trip: the owner
// and how the owner addresses them (du or Sie), the primary account, and each capped section as
// {total, items}. Accounts by relationship type: primary first, then current before ended, most
// recent first; deals open first; campaigns newest first; people tied by REPORTS_TO (out: managers,
// in: reports) and KNOWS, only those the viewer may see.
MATCH (p:Person {id: $id})
RETURN p {.*} AS person,
       COLLECT { MATCH (u:User)-[o:OWNS]->(p)
                 RETURN u {.id, .name, .email, address: o.address, claimed: coalesce(o.claimed, false)} LIMIT 1 }[0] AS owner,
       COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(p)
                 RETURN a {.id, .name} LIMIT 1 }[0] AS primary_account,
       {total: COUNT { (p)-[:EMPLOYS]-(:Account) },
        items: COLLECT { MATCH (p)-[r:EMPLOYS]-(a:Account)
                         RETURN {account: a {.id, .name, .city, .type}, rel: properties(r)}
                         ORDER BY coalesce(r.primary, false) DESC, r.until IS NOT NULL, r.until DESC, r.since DESC,
                                  a.sort_key, a.id
                         LIMIT $cap }} AS employers,
       {total: COUNT { (p)-[:BOARD_MEMBER]-(:Account) },
        items: COLLECT { MATCH (p)-[r:BOARD_MEMBER]-(a:Account)
                         RETURN {account: a {.id, .name, .city, .type}, rel: properties(r)}
                         ORDER BY coalesce(r.primary, false) DESC, r.until IS NOT NULL, r.until DESC, r.since DESC,
                                  a.sort_key, a.id
                         LIMIT $cap }} AS board,
       {total: COUNT { (p)-[:WORKED_AT]-(:Account) },
        items: COLLECT { MATCH (p)-[r:WORKED_AT]-(a:Account)
                         RETURN {account: a {.id, .name, .city, .type}, rel: properties(r)}
                         ORDER BY coalesce(r.primary, false) DESC, r.until IS NOT NULL, r.until DESC, r.since DESC,
                                  a.sort_key, a.id
                         LIMIT $cap }} AS former,
       {total: COUNT { (p)-[:CONTACT_ROLE]->(:Opportunity) },
        items: COLLECT { MATCH (p)-[r:CONTACT_ROLE]->(o:Opportunity)
                         RETURN {opportunity: o {.id, .name, .stage, .amount, .currency, .close_date,
                                                 account: COLLECT { MATCH (a:Account)-[:HAS_OPPORTUNITY]->(o)
                                                                    RETURN a {.id, .name} LIMIT 1 }[0]},
                                 rel: properties(r)}
                         ORDER BY coalesce(o.is_closed, o.stage STARTS WITH 'Closed', false), o.close_date,
                                  o.sort_key, o.id
                         LIMIT $cap }} AS opportunities,
       {total: COUNT { (p)-[:MEMBER_OF]->(:Campaign) },
        items: COLLECT { MATCH (p)-[r:MEMBER_OF]->(c:Campaign)
                         RETURN {campaign: c {.id, .name, .type, .status, .start_date, .end_date}, rel: properties(r)}
                         ORDER BY c.start_date DESC, c.sort_key, c.id
                         LIMIT $cap }} AS campaigns,
       {total: COUNT { (p)-[:REPORTS_TO]->(q:Person)
                       WHERE $see_all OR NOT EXISTS { (:User)-[:OWNS]->(q) } OR EXISTS { (o:User)-[:OWNS]->(q) WHERE o.id IN $team } },
        items: COLLECT { MATCH (p)-[r:REPORTS_TO]->(q:Person)
                         WHERE $see_all OR NOT EXISTS { (:User)-[:OWNS]->(q) } OR EXISTS { (o:User)-[:OWNS]->(q) WHERE o.id IN $team }
                         RETURN {person: q {.id, .first_name, .last_name, .title, .status, .placeholder,
                                            account: COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(q)
                                                               RETURN a.name LIMIT 1 }[0]},
                                 rel: properties(r), outgoing: true}
                         ORDER BY q.sort_key, q.id
                         LIMIT $cap }} AS managers,
       {total: COUNT { (p)<-[:REPORTS_TO]-(q:Person)
                       WHERE $see_all OR NOT EXISTS { (:User)-[:OWNS]->(q) } OR EXISTS { (o:User)-[:OWNS]->(q) WHERE o.id IN $team } },
        items: COLLECT { MATCH (p)<-[r:REPORTS_TO]-(q:Person)
                         WHERE $see_all OR NOT EXISTS { (:User)-[:OWNS]->(q) } OR EXISTS { (o:User)-[:OWNS]->(q) WHERE o.id IN $team }
                         RETURN {person: q {.id, .first_name, .last_name, .title, .status, .placeholder,
                                            account: COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(q)
                                                               RETURN a.name LIMIT 1 }[0]},
                                 rel: properties(r), outgoing: false}
                         ORDER BY q.sort_key, q.id
                         LIMIT $cap }} AS reports,
       {total: COUNT { (p)-[r:KNOWS]-(q:Person)
                       WHERE $see_all OR NOT EXISTS { (:User)-[:OWNS]->(q) } OR EXISTS { (o:User)-[:OWNS]->(q) WHERE o.id IN $team } },
        items: COLLECT { MATCH (p)-[r:KNOWS]-(q:Person)
                         WHERE $see_all OR NOT EXISTS { (:User)-[:OWNS]->(q) } OR EXISTS { (o:User)-[:OWNS]->(q) WHERE o.id IN $team }
                         RETURN {person: q {.id, .first_name, .last_name, .title, .status, .placeholder,
                                            account: COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(q)
                                                               RETURN a.name LIMIT 1 }[0]},
                                 rel: properties(r), outgoing: startNode(r) = p}
                         ORDER BY q.sort_key, q.id
                         LIMIT $cap }} AS knows

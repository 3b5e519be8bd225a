// One account with everything its page shows but the org chart, in one round trip: the owner and
// how the owner addresses it (du or Sie); its real people by relationship type (primary first, then
// current before ended, most recent first; `hidden` counts those the viewer may not see); its "Info
// Kontakt" placeholders; its deals (open first, by close date); partner accounts in either direction
// (`outgoing`: this account holds the partner role). Each list is {total, items}, capped.
MATCH (a:Account {id: $id})
RETURN a {.*} AS account,
       COLLECT { MATCH (u:User)-[o:OWNS]->(a)
                 RETURN u {.id, .name, .email, address: o.address} LIMIT 1 }[0] AS owner,
       {total: COUNT { (a)-[:EMPLOYS]-(p:Person) WHERE NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team }) },
        hidden: COUNT { (a)-[:EMPLOYS]-(p:Person) WHERE NOT coalesce(p.placeholder, false) AND NOT ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team }) },
        items: COLLECT { MATCH (a)-[r:EMPLOYS]-(p:Person)
                         WHERE NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
                         RETURN {person: p {.id, .first_name, .last_name, .title, .department, .email, .phone,
                                            .status, .inactive_reason},
                                 rel: properties(r)}
                         ORDER BY coalesce(r.primary, false) DESC, r.until IS NOT NULL, r.until DESC, r.since DESC,
                                  p.sort_key, p.id
                         LIMIT $cap }} AS employees,
       {total: COUNT { (a)-[:BOARD_MEMBER]-(p:Person) WHERE NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team }) },
        hidden: COUNT { (a)-[:BOARD_MEMBER]-(p:Person) WHERE NOT coalesce(p.placeholder, false) AND NOT ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team }) },
        items: COLLECT { MATCH (a)-[r:BOARD_MEMBER]-(p:Person)
                         WHERE NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
                         RETURN {person: p {.id, .first_name, .last_name, .title, .department, .email, .phone,
                                            .status, .inactive_reason},
                                 rel: properties(r)}
                         ORDER BY coalesce(r.primary, false) DESC, r.until IS NOT NULL, r.until DESC, r.since DESC,
                                  p.sort_key, p.id
                         LIMIT $cap }} AS board,
       {total: COUNT { (a)-[:WORKED_AT]-(p:Person) WHERE NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team }) },
        hidden: COUNT { (a)-[:WORKED_AT]-(p:Person) WHERE NOT coalesce(p.placeholder, false) AND NOT ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team }) },
        items: COLLECT { MATCH (a)-[r:WORKED_AT]-(p:Person)
                         WHERE NOT coalesce(p.placeholder, false) AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
                         RETURN {person: p {.id, .first_name, .last_name, .title, .department, .email, .phone,
                                            .status, .inactive_reason},
                                 rel: properties(r)}
                         ORDER BY coalesce(r.primary, false) DESC, r.until IS NOT NULL, r.until DESC, r.since DESC,
                                  p.sort_key, p.id
                         LIMIT $cap }} AS former,
       {total: COUNT { (a)-[:EMPLOYS|BOARD_MEMBER|WORKED_AT]-(p:Person) WHERE p.placeholder },
        items: COLLECT { MATCH (a)-[:EMPLOYS|BOARD_MEMBER|WORKED_AT]-(p:Person)
                         WHERE p.placeholder
                         WITH DISTINCT p
                         RETURN p {.id, .first_name, .last_name, .email, .phone, .status}
                         ORDER BY p.sort_key, p.id
                         LIMIT $cap }} AS placeholders,
       {total: COUNT { (a)-[:HAS_OPPORTUNITY]->(:Opportunity) },
        items: COLLECT { MATCH (a)-[:HAS_OPPORTUNITY]->(o:Opportunity)
                         RETURN o {.id, .name, .stage, .amount, .currency, .close_date, .probability}
                         ORDER BY coalesce(o.is_closed, o.stage STARTS WITH 'Closed', false), o.close_date,
                                  o.sort_key, o.id
                         LIMIT $cap }} AS opportunities,
       {total: COUNT { (a)-[:PARTNER_OF]-(:Account) },
        items: COLLECT { MATCH (a)-[r:PARTNER_OF]-(b:Account)
                         RETURN {account: b {.id, .name, .city, .type}, rel: properties(r), outgoing: startNode(r) = a}
                         ORDER BY b.sort_key, b.id
                         LIMIT $cap }} AS partners

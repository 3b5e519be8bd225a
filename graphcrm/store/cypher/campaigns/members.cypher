// Members in name order with what a mailing needs: salutation inputs and the sender (the owner).
MATCH (p:Person)-[m:MEMBER_OF]->(c:Campaign {id: $campaign})
WHERE ($after_key IS NULL OR p.sort_key > $after_key OR (p.sort_key = $after_key AND p.id > $after_id))
  AND ($see_all OR NOT EXISTS { (:User)-[:OWNS]->(p) } OR EXISTS { (o:User)-[:OWNS]->(p) WHERE o.id IN $team })
OPTIONAL MATCH (owner:User)-[o:OWNS]->(p)
RETURN p {.id, .first_name, .last_name, .salutation, .language, .email, .status, .placeholder, .sort_key,
          member_status: m.status, responded: m.responded,
          account: COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(p) RETURN a.name }[0],
          sender: owner.name, sender_email: owner.email, address: o.address} AS member
ORDER BY p.sort_key, p.id
LIMIT $limit

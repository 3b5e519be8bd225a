// The people with a contact role on a deal, and whether their role is a deciding one.
MATCH (o:Opportunity {id: $id})
RETURN o.id AS id,
       COLLECT { MATCH (p:Person)-[r:CONTACT_ROLE]->(o)
                 RETURN DISTINCT {eid: elementId(p), decides: r.role IN $decision_roles} } AS members

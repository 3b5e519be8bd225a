// graphcrm ids of people known by Salesforce id.
UNWIND $sf_ids AS sf_id
MATCH (p:Person {sf_id: sf_id})
RETURN p.id AS id

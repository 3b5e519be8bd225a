// Which of these Salesforce ids are records in the database already (references to earlier imports).
UNWIND $ids AS id
MATCH (n:{{label}} {sf_id: id})
RETURN id

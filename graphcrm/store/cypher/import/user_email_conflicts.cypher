// Users whose e-mail belongs to another Salesforce user already in the database.
UNWIND $rows AS row
MATCH (u:User {email: row.props.email})
WHERE u.sf_id IS NOT NULL AND u.sf_id <> row.sf_id
RETURN row.sf_id AS sf_id, 'Email: ' + row.props.email + ' belongs to user ' + u.sf_id + ' in the database' AS reason

OPTIONAL MATCH (s:Setting {key: 'contact_roles'})
RETURN coalesce(s.values, []) AS values

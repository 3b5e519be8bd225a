// Take one of the org's contact roles off the list; roles on deals stay as they are.
MATCH (s:Setting) WHERE s.key IN ['contact_roles', 'picklist:contact_role']
SET s.values = [v IN coalesce(s.values, []) WHERE v <> $value]

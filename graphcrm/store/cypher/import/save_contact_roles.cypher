// The org's own opportunity contact roles, added to those kept before; read by relationships.contact_roles().
MERGE (s:Setting {key: 'contact_roles'})
SET s.values = coalesce(s.values, []) + [r IN $values WHERE NOT r IN coalesce(s.values, [])]

// Whether a data migration of this name and version has run on this database.
OPTIONAL MATCH (m:Migration {name: $name})
RETURN m IS NOT NULL AND m.version >= $version AS done

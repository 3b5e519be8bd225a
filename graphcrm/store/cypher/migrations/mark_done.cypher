// Note that a data migration has run, so the next `db migrate` skips it.
MERGE (m:Migration {name: $name})
SET m.version = $version, m.at = datetime()

// Add values to one picklist (those it lacks, in order); `meta` (JSON text) replaces the stored one when given.
MERGE (s:Setting {key: 'picklist:' + $name})
SET s.values = coalesce(s.values, []) + [v IN $values WHERE NOT v IN coalesce(s.values, [])],
    s.meta = coalesce($meta, s.meta)
RETURN s.values AS values

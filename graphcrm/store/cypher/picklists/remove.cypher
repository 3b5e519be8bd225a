// Take one value off a picklist; records keep the value they hold.
MATCH (s:Setting {key: 'picklist:' + $name})
SET s.values = [v IN coalesce(s.values, []) WHERE v <> $value]
RETURN s.values AS values

// Every picklist the org brought along or an admin added: Setting nodes keyed picklist:<name>.
MATCH (s:Setting) WHERE s.key STARTS WITH 'picklist:'
RETURN substring(s.key, 9) AS name, coalesce(s.values, []) AS values, s.meta AS meta

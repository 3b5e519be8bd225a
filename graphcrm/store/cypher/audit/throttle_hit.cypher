// Count a failed sign-in for a key (an e-mail or an address) in a sliding 15-minute window.
MERGE (t:LoginThrottle {key: $key})
ON CREATE SET t.failures = 0, t.window_start = datetime()
WITH t, t.window_start < datetime() - duration({minutes: $window_minutes}) AS expired
SET t.failures = CASE WHEN expired THEN 1 ELSE t.failures + 1 END,
    t.window_start = CASE WHEN expired THEN datetime() ELSE t.window_start END
RETURN t.failures AS failures

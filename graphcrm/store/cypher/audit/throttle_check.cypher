UNWIND $keys AS key
MATCH (t:LoginThrottle {key: key})
WHERE t.window_start >= datetime() - duration({minutes: $window_minutes})
RETURN key, t.failures AS failures

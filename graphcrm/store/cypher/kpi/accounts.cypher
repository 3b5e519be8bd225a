// KPI per account with a target of type $type in [$start, $end): its touchpoints are the activities
// about the account or one of its deals, or with someone it employs now; each counted once.
MATCH (acc:Account)-[:HAS_TARGET]->(t:Target {period: $type})
WHERE ($account IS NULL OR acc.id = $account)
  AND ($owners IS NULL OR EXISTS { (u:User)-[:OWNS]->(acc) WHERE u.id IN $owners })
CALL (acc, t) {
  CALL (acc) {
    MATCH (acc)<-[:ABOUT]-(a:Activity) RETURN a
    UNION
    MATCH (acc)-[:HAS_OPPORTUNITY]->(:Opportunity)<-[:ABOUT]-(a:Activity) RETURN a
    UNION
    MATCH (acc)-[:EMPLOYS]->(:Person)<-[:WITH]-(a:Activity) RETURN a
  }
  WITH a WHERE a.at >= $start AND a.at < $end AND a.kind IN t.kinds
  RETURN count(a) AS n
}
WITH acc, t, n,
     CASE WHEN n >= t.min_touchpoints THEN 'met'
          WHEN $elapsed >= $span THEN 'missed'
          WHEN $elapsed <= 0 OR n * $span >= t.min_touchpoints * $elapsed THEN 'on_track'
          ELSE 'at_risk' END AS status
WITH acc, t, n, status,
     CASE status WHEN 'missed' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'on_track' THEN 2 ELSE 3 END AS severity
ORDER BY severity, n * 1000 / t.min_touchpoints, acc.sort_key, acc.id
LIMIT $limit
RETURN acc.id AS account, acc.name AS name, t {.id, .min_touchpoints, .kinds} AS target, n AS count, status

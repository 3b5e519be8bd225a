// Full-text hits best first. The index holds no sensitive field (birthdate, mobile, interests), so
// nobody finds a person by a field they may not see. Under private sharing ($see_all false) people
// owned outside the viewer's team are left out before the limit, so a page is still full.
// Kept Salesforce fields are searched too (custom_search); a record found by both counts once.
CALL () {
  CALL db.index.fulltext.queryNodes('record_search', $query, {limit: $scan}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('custom_search', $query, {limit: $scan}) YIELD node, score
  RETURN node, score
}
WITH node, max(score) AS score
WHERE $see_all OR NOT node:Person OR NOT EXISTS { (:User)-[:OWNS]->(node) }
   OR EXISTS { (o:User)-[:OWNS]->(node) WHERE o.id IN $team }
WITH node, score
ORDER BY score DESC
LIMIT $limit
// A deal's hit says what tells two deals of one name apart: stage, amount, close date and account.
RETURN node {.id, .sf_id, .name, .first_name, .last_name, .email, .title, .city, .status, .placeholder,
             .stage, .amount, .currency, .close_date,
             kind: CASE WHEN node:Person THEN 'person' WHEN node:Account THEN 'account' ELSE 'opportunity' END,
             account: CASE WHEN node:Person THEN COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(node)
                                                           RETURN a.name LIMIT 1 }[0]
                           WHEN node:Opportunity THEN COLLECT { MATCH (a:Account)-[:HAS_OPPORTUNITY]->(node)
                                                                RETURN a.name LIMIT 1 }[0] END,
             score: score} AS hit
ORDER BY score DESC

CALL db.index.fulltext.queryNodes('record_search', $query, {limit: $limit}) YIELD node, score
RETURN node {.id, .sf_id, .name, .first_name, .last_name, .email, .title, .city, .status, .placeholder,
             kind: CASE WHEN node:Person THEN 'person' WHEN node:Account THEN 'account' ELSE 'opportunity' END,
             account: CASE WHEN node:Person THEN COLLECT { MATCH (a:Account)-[:EMPLOYS {primary: true}]->(node)
                                                           RETURN a.name LIMIT 1 }[0] END,
             score: score} AS hit
ORDER BY score DESC

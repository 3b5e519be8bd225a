// Touchpoints per (user, person, kind) between the given users and people, plus one row per
// ownership (kind null). The decay formula's parameter comes from graphcrm/strength.py.
UNWIND $users AS ueid
MATCH (u:User) WHERE elementId(u) = ueid
CALL (u) {
  MATCH (u)-[:LOGGED]->(a:Activity)-[:WITH]->(p:Person)
  WHERE elementId(p) IN $people AND a.at <= $now
  WITH p, a.kind AS kind, count(a) AS count, max(a.at) AS last,
       sum(0.5 ^ (duration.inSeconds(a.at, $now).seconds / 86400.0 / $half_life)) AS decayed
  RETURN p, kind, count, last, decayed
  UNION ALL
  MATCH (u)-[:OWNS]->(p:Person)
  WHERE elementId(p) IN $people
  RETURN p, null AS kind, 0 AS count, null AS last, 0.0 AS decayed
}
RETURN elementId(u) AS user, elementId(p) AS person, kind, count, last, decayed

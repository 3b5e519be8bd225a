// Touchpoints between the given users and people, one row per (user, person): how many of each
// kind, the last one, and the kind-weighted, age-decayed score of graphcrm/strength.py (its
// weights and half-life are the parameters; the formula is documented there). `owns` says whether
// the user owns the contact. Driven from the people: a user may have logged 100,000 activities, a
// person has a handful; the nested CALLs keep the planner expanding from the person.
UNWIND $people AS peid
MATCH (p:Person) WHERE elementId(p) = peid
CALL (p) {
  MATCH (p)<-[:WITH]-(a)
  WHERE a.at <= $now
  CALL (a) { MATCH (a)<-[:LOGGED]-(u) RETURN u }
  WITH u, a WHERE elementId(u) IN $users
  RETURN u, count(a) AS total, count(CASE WHEN a.kind = 'meeting' THEN 1 END) AS meeting,
         count(CASE WHEN a.kind = 'call' THEN 1 END) AS call, count(CASE WHEN a.kind = 'email' THEN 1 END) AS email,
         count(CASE WHEN a.kind = 'event' THEN 1 END) AS event, count(CASE WHEN a.kind = 'note' THEN 1 END) AS note,
         max(a.at).epochMillis AS last,
         sum(coalesce($weights[a.kind], $default_weight)
             * 0.5 ^ (duration.inSeconds(a.at, $now).seconds / 86400.0 / $half_life)) AS score
  UNION ALL
  MATCH (p)<-[:OWNS]-(u)
  WHERE elementId(u) IN $users
  RETURN u, -1 AS total, 0 AS meeting, 0 AS call, 0 AS email, 0 AS event, 0 AS note, null AS last, 0.0 AS score
}
// One row of lists (graphcrm/db.py table), in the order of graphcrm/strength.py SUMMARY_COLUMNS.
RETURN collect([elementId(u), elementId(p), total, meeting, call, email, event, note, last, score]) AS rows

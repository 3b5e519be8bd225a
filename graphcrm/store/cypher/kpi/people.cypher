// KPI per person for one period [$start, $end) of type $type. A person's own target of that type wins;
// otherwise its owner's default target (HAS_TARGET on the User) applies. Only active, non-placeholder
// people count. `n` = activities WITH the person, of the target's kinds, in the period.
// Status: met (n >= min); missed (period over); on_track (not started, or linear pace reaches min:
// n * span >= min * elapsed); else at_risk. One pass over the people; then the counts per owner
// (the totals are their sums) and one page of people, most behind first.

// People with an own target of this type, found once (few) instead of checked per owned person.
OPTIONAL MATCH (own:Person)-[:HAS_TARGET]->(:Target {period: $type})
WITH collect(own) AS own_people
CALL (own_people) {
  MATCH (p:Person)-[:HAS_TARGET]->(t:Target {period: $type})
  OPTIONAL MATCH (u:User)-[:OWNS]->(p)
  RETURN p, t, u, 'person' AS via
  UNION ALL
  MATCH (u:User)-[:HAS_TARGET]->(t:Target {period: $type})
  MATCH (u)-[:OWNS]->(p:Person)
  WHERE NOT p IN own_people
  RETURN p, t, u, 'owner' AS via
}
WITH p, t, u, via
WHERE coalesce(p.status, 'active') = 'active' AND coalesce(p.placeholder, false) = false
  AND ($owner IS NULL OR u.id = $owner)
  // The viewer's scope (a manager's team, a rep's own) and, under private sharing, who they may see.
  AND ($owners IS NULL OR u.id IN $owners)
  AND ($see_all OR u IS NULL OR u.id IN $viewer_team)
  AND ($account IS NULL OR EXISTS { MATCH (:Account {id: $account})-[:EMPLOYS]->(p) })
WITH p, t, u, via,
     COUNT { MATCH (p)<-[:WITH]-(a:Activity)
             WHERE a.at >= $start AND a.at < $end AND a.kind IN t.kinds } AS n
WITH p, t, u, via, n,
     CASE WHEN n >= t.min_touchpoints THEN 'met'
          WHEN $elapsed >= $span THEN 'missed'
          WHEN $elapsed <= 0 OR n * $span >= t.min_touchpoints * $elapsed THEN 'on_track'
          ELSE 'at_risk' END AS status
WITH p, t, u, via, n, status,
     CASE status WHEN 'missed' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'on_track' THEN 2 ELSE 3 END AS severity,
     n * 1000 / t.min_touchpoints AS permille
// Rows stay light (nodes and numbers); names and maps are built for the one page only.
WITH collect({p: p, t: t, u: u, via: via, n: n, status: status, severity: severity, permille: permille}) AS rows
CALL (rows) {
  UNWIND rows AS r
  WITH r.u AS u, r.status AS status, count(*) AS c
  WITH u, collect([status, c]) AS counts
  RETURN collect({owner: CASE WHEN u IS NULL THEN null ELSE {id: u.id, name: u.name} END, counts: counts,
                  target: CASE WHEN u IS NULL THEN null
                          ELSE COLLECT { MATCH (u)-[:HAS_TARGET]->(d:Target {period: $type})
                                         RETURN d {.id, .min_touchpoints, .kinds} }[0] END}) AS owners
}
CALL (rows) {
  UNWIND rows AS r
  WITH r, r.p.id AS pid
  WHERE ($status IS NULL OR r.status = $status)
    AND ($after_key IS NULL OR r.severity > $after_key[0]
         OR (r.severity = $after_key[0] AND (r.permille > $after_key[1]
             OR (r.permille = $after_key[1] AND pid > $after_id))))
  WITH r, pid ORDER BY r.severity, r.permille, pid LIMIT $limit
  WITH r, pid, r.p AS p, r.u AS u, r.t AS t
  RETURN collect({person: pid, name: trim(coalesce(p.first_name, '') + ' ' + coalesce(p.last_name, '')),
                  owner: CASE WHEN u IS NULL THEN null ELSE {id: u.id, name: u.name} END,
                  target: {id: t.id, min_touchpoints: t.min_touchpoints, kinds: t.kinds, via: r.via},
                  count: r.n, status: r.status, key: [r.severity, r.permille]}) AS people
}
RETURN owners, people, size(rows) AS total

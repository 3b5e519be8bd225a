// The targets that apply to each person: its own, plus its owner's defaults for period types it has
// no own target of. With each: the newest activity of the target's kinds (from the last_<kind>_at
// fields kept by graphcrm/activities.py) and the count in the current period, $bounds[period type].
UNWIND $ids AS pid
MATCH (p:Person {id: pid})
CALL (p) {
  MATCH (p)-[:HAS_TARGET]->(t:Target)
  RETURN t, 'person' AS via
  UNION ALL
  MATCH (u:User)-[:OWNS]->(p)
  MATCH (u)-[:HAS_TARGET]->(t:Target)
  WHERE NOT EXISTS { MATCH (p)-[:HAS_TARGET]->(:Target {period: t.period}) }
  RETURN t, 'owner' AS via
}
WITH p, t, via,
     reduce(m = null, k IN t.kinds |
       CASE WHEN p['last_' + k + '_at'] IS NOT NULL AND (m IS NULL OR p['last_' + k + '_at'] > m)
            THEN p['last_' + k + '_at'] ELSE m END) AS last
RETURN p.id AS person, p.created_at AS created_at, t {.id, .period, .min_touchpoints, .kinds} AS target,
       via, last,
       COUNT { MATCH (p)<-[:WITH]-(a:Activity)
               WHERE a.at >= $bounds[t.period][0] AND a.at < $bounds[t.period][1] AND a.kind IN t.kinds } AS count

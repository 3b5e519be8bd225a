// A record has exactly one owner: a new one replaces the others.
MATCH (u:User)-[r:OWNS]->(:{{label}} {id: $to})
WHERE u.id <> $from
DELETE r

// The last touch of each kind with one person, and how many touchpoints they had in the last year.
MATCH (p:Person {id: $id})
RETURN p.last_touch_at AS touch, p.last_meeting_at AS meeting, p.last_call_at AS call,
       p.last_email_at AS email, p.last_event_at AS event, p.last_note_at AS note,
       COUNT { MATCH (p)<-[:WITH]-(a:Activity) WHERE a.kind IN $touch_kinds AND a.at >= $since } AS last_year

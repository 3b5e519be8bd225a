// Recompute each person's last-touch fields from their activities (see cypher/schema/010_touchpoints):
// last_touch_at is the newest activity whose kind is in $touch_kinds, last_<kind>_at the newest of that kind.
UNWIND $ids AS pid
MATCH (p:Person {id: pid})
CALL (p) {
  OPTIONAL MATCH (p)<-[:WITH]-(a:Activity)
  RETURN max(CASE WHEN a.kind IN $touch_kinds THEN a.at END) AS touch,
         max(CASE WHEN a.kind = 'meeting' THEN a.at END) AS meeting,
         max(CASE WHEN a.kind = 'call' THEN a.at END) AS call,
         max(CASE WHEN a.kind = 'email' THEN a.at END) AS email,
         max(CASE WHEN a.kind = 'event' THEN a.at END) AS event,
         max(CASE WHEN a.kind = 'note' THEN a.at END) AS note
}
SET p.last_touch_at = touch, p.last_meeting_at = meeting, p.last_call_at = call,
    p.last_email_at = email, p.last_event_at = event, p.last_note_at = note
RETURN count(p) AS updated

// Touchpoints (graphcrm/activities.py): every logged activity keeps these on each Person it is WITH,
// so the stale report seeks an index instead of scanning a million activities.
//   last_touch_at   newest meeting, call, email or event (notes are not touchpoints)
//   last_<kind>_at  newest activity of that kind
CREATE RANGE INDEX person_last_touch IF NOT EXISTS FOR (n:Person) ON (n.last_touch_at);
CREATE RANGE INDEX person_last_meeting IF NOT EXISTS FOR (n:Person) ON (n.last_meeting_at);
CREATE RANGE INDEX person_last_call IF NOT EXISTS FOR (n:Person) ON (n.last_call_at);
CREATE RANGE INDEX person_last_email IF NOT EXISTS FOR (n:Person) ON (n.last_email_at);
CREATE RANGE INDEX person_last_event IF NOT EXISTS FOR (n:Person) ON (n.last_event_at);
CREATE RANGE INDEX person_team IF NOT EXISTS FOR (n:Person) ON (n.team);
// KPI targets are looked up by period type.
CREATE RANGE INDEX target_period IF NOT EXISTS FOR (n:Target) ON (n.period);

// A user's own interface language and time zone (null: follow the browser / the app's default).
MATCH (u:User {id: $id})
SET u.locale = $locale, u.time_zone = $time_zone
RETURN u.locale AS locale, u.time_zone AS time_zone

// Full-text search over names, e-mails and titles of people, accounts and opportunities.
CREATE FULLTEXT INDEX record_search IF NOT EXISTS
FOR (n:Person|Account|Opportunity) ON EACH [n.first_name, n.last_name, n.name, n.email, n.title, n.city];
// Nearby search uses point.distance on these.
CREATE POINT INDEX person_location IF NOT EXISTS FOR (n:Person) ON (n.location);
CREATE POINT INDEX account_location IF NOT EXISTS FOR (n:Account) ON (n.location);
// Ordered, cursor-paged lists.
CREATE RANGE INDEX person_sort IF NOT EXISTS FOR (n:Person) ON (n.sort_key, n.id);
CREATE RANGE INDEX account_sort IF NOT EXISTS FOR (n:Account) ON (n.sort_key, n.id);
CREATE RANGE INDEX opportunity_sort IF NOT EXISTS FOR (n:Opportunity) ON (n.sort_key, n.id);
CREATE RANGE INDEX campaign_sort IF NOT EXISTS FOR (n:Campaign) ON (n.sort_key, n.id);
CREATE RANGE INDEX user_sort IF NOT EXISTS FOR (n:User) ON (n.sort_key, n.id);
// Lost contacts seek the status, the duplicate check the e-mail.
CREATE RANGE INDEX person_status IF NOT EXISTS FOR (n:Person) ON (n.status);
CREATE RANGE INDEX person_email IF NOT EXISTS FOR (n:Person) ON (n.email);
CREATE RANGE INDEX change_at IF NOT EXISTS FOR (n:Change) ON (n.at);

// Full-text search over the text of the fields an import kept beyond the model (Salesforce custom
// fields), joined into one property; a second index, so record_search is never rebuilt.
CREATE FULLTEXT INDEX custom_search IF NOT EXISTS
FOR (n:Person|Account|Opportunity) ON EACH [n.custom_text];

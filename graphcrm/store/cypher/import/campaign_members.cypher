// CampaignMember -> MEMBER_OF: one membership per person and campaign.
UNWIND $rows AS row
MATCH (p:Person {sf_id: row.contact}), (c:Campaign {sf_id: row.campaign})
MERGE (p)-[m:MEMBER_OF]->(c)
ON CREATE SET m.created_at = datetime()
WITH m, row
WHERE NOT (coalesce(m.sf_id = row.sf_id, false) AND all(k IN keys(row.props)
           WHERE coalesce(m[k] = row.props[k], m[k] IS NULL AND row.props[k] IS NULL)))
SET m += row.props, m.sf_id = row.sf_id, m.updated_at = datetime()

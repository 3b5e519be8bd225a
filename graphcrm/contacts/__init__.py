"""Contact management: people, accounts and deals as pages see them, job changes and lost contacts
(lifecycle), merging, owners, the letter salutation, campaigns."""

# orgchart is the account page's helper.
__all__ = ["accounts", "campaign_lists", "campaigns", "lifecycle", "merge", "opportunities", "ownership", "people",
           "salutation"]

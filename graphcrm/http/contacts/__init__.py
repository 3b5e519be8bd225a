"""Contact management: its API and the person, account, deal, campaign and list pages."""

"""Contact management: people, accounts and deals as pages see them, job changes and lost contacts
(lifecycle), merging, owners, the letter salutation, campaigns."""

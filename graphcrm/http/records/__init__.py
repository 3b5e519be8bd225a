"""The records API (/api/v1 collections, relationships, search, users, me) and the home page."""

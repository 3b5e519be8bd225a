"""The plumbing of the web layer: request guard, CSRF, body checks, errors, headers, form helpers."""

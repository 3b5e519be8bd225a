"""The explorer, paths and influence: API and pages."""

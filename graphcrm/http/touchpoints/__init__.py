"""Touchpoints: the activity API, targets, reports and their pages."""

"""Imports and downloads from the web."""

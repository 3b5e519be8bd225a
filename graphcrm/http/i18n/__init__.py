"""The message catalogues the browser reads."""

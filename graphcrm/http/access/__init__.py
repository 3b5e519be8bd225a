"""Sign-in, sign-out, the profile page and the audit log."""

"""Who may see and do what: the policy (policy.Access), its checks on records (checks), redaction of
hidden people and fields, and the people behind it: users, sign-in sessions, the audit log."""

__all__ = ["audit", "checks", "policy", "redaction", "sessions", "users"]

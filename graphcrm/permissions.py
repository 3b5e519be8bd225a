"""Who may do what: one policy for the API, the pages and exports."""
from __future__ import annotations

from .model import NODE_FIELDS, Label

WRITER_ROLES = frozenset({"admin", "manager", "rep"})
SENSITIVE_USER_FIELDS = frozenset(k for k, f in NODE_FIELDS[Label.USER].items() if f.sensitive)


def can_write(user: dict | None) -> bool:
    """True when the user's role may change records."""
    return bool(user) and user.get("role") in WRITER_ROLES


def is_admin(user: dict | None) -> bool:
    """True for admins."""
    return bool(user) and user.get("role") == "admin"


def visible_user(viewer: dict | None, user: dict) -> dict:
    """Return a user record without the employee data the viewer may not see."""
    if is_admin(viewer) or (viewer and viewer.get("id") == user.get("id")):
        return dict(user)
    return {k: v for k, v in user.items() if k not in SENSITIVE_USER_FIELDS}

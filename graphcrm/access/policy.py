"""Who may see and do what: one policy that the API, the pages, exports, search, the network and paths obey.

Roles: admin (everything), manager (their team: themselves and everyone reporting to them, transitively),
rep (what they own), viewer (reads only). People's sensitive fields (birthdate, mobile, interests) are
visible to admins, the person's owner and the owner's manager chain; a user's employee data to admins,
the user and the user's manager chain. With GRAPHCRM_PEOPLE_SHARING=private, a person owned by someone
outside the viewer's team is not visible at all: lists and search leave it out, paths and the network
show "someone at <account>".
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from graphcrm.model import NODE_FIELDS, Label

WRITER_ROLES = frozenset({"admin", "manager", "rep"})
SHARING_MODES = ("read", "private")
SENSITIVE_PERSON_FIELDS = frozenset(k for k, f in NODE_FIELDS[Label.PERSON].items() if f.sensitive)
SENSITIVE_USER_FIELDS = frozenset(k for k, f in NODE_FIELDS[Label.USER].items() if f.sensitive)
# Signs what one process hands out when no app secret is given (the CLI, imports, benchmarks).
_PROCESS_KEY = secrets.token_bytes(32)


@dataclass(frozen=True)
class Access:
    """What one signed-in user may see and change; built once per request."""

    user_id: str | None
    role: str
    team: frozenset[str] = field(default_factory=frozenset)  # own id plus every user reporting to them
    sharing: str = "read"
    # Signs cursors and the opaque ids of hidden people: the app's secret, so every worker agrees.
    key: bytes = field(default=_PROCESS_KEY, repr=False, compare=False)

    @classmethod
    def system(cls) -> Access:
        """The access of graphcrm itself (the CLI, imports, benchmarks): everything, no person hidden."""
        return _SYSTEM

    @property
    def is_system(self) -> bool:
        """True for graphcrm's own access (the CLI, imports, the demo): no person, no restriction."""
        return self.user_id is None and self.role == "admin"

    @property
    def is_admin(self) -> bool:
        """True for admins."""
        return self.role == "admin"

    @property
    def can_write(self) -> bool:
        """True when the role may change records at all."""
        return self.role in WRITER_ROLES

    @property
    def can_manage(self) -> bool:
        """True for admins and managers: bulk owner changes, merging duplicates."""
        return self.role in ("admin", "manager")

    def manages(self, owner_id: str | None) -> bool:
        """True when the owner is the viewer or someone in the viewer's team (admins manage everyone)."""
        return self.is_admin or (owner_id is not None and owner_id in self.team)

    def sees_person(self, owner_id: str | None) -> bool:
        """True when the person may be shown at all (by name)."""
        return self.sharing == "read" or owner_id is None or self.manages(owner_id)

    def sees_sensitive(self, owner_id: str | None) -> bool:
        """True when the person's sensitive fields may be shown: admins, the owner and the owner's managers."""
        return self.manages(owner_id)

    def sees_employee_data(self, user_id: str | None) -> bool:
        """True when a user's employee fields may be shown: admins, the user and the user's managers."""
        return self.manages(user_id)

    def may_edit(self, owner_id: str | None) -> bool:
        """True when the record (owned by owner_id, or by nobody) may be changed by this viewer."""
        if not self.can_write:
            return False
        return owner_id is None or self.manages(owner_id)

    def cypher_params(self) -> dict:
        """Parameters for queries that filter by visibility in Cypher ($see_all, $team)."""
        return {"see_all": self.is_admin or self.sharing == "read", "team": sorted(self.team)}

    def person(self, record: dict, owner_id: str | None) -> dict:
        """Return the person record without the fields this viewer may not see."""
        if self.sees_sensitive(owner_id):
            return record
        return {k: v for k, v in record.items() if k not in SENSITIVE_PERSON_FIELDS}

    def user(self, record: dict, user_id: str | None = None) -> dict:
        """Return a user record (of user_id, default its own id) without the employee data the viewer may not see."""
        if self.sees_employee_data(record.get("id") if user_id is None else user_id):
            return dict(record)
        return {k: v for k, v in record.items() if k not in SENSITIVE_USER_FIELDS}


_SYSTEM = Access(user_id=None, role="admin")


def access_for(db, user: dict | None, sharing: str = "read", key: bytes = _PROCESS_KEY,
               team: list[str] | None = None) -> Access:
    """Build the Access of a user: their role and their team from the REPORTS_TO chain of users.

    `team` is that chain when the caller read it with the user (as sign-in does); else it is read here.
    """
    if not user:
        return Access(user_id=None, role="viewer", sharing=sharing, key=key)
    if team is None:
        row = db.read_one("users/team", id=user["id"])
        team = row["team"] if row else []
    team = frozenset([user["id"], *team])
    return Access(user_id=user["id"], role=user.get("role") or "viewer", team=team, sharing=sharing, key=key)

"""CRM users: creation, password checks, API tokens."""
from __future__ import annotations

import hashlib
import secrets
from typing import Annotated

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import Field as PydanticField

from graphcrm.access import audit, sessions
from graphcrm.access.policy import Access
from graphcrm.errors import Conflict, Forbidden, Invalid, NotFound
from graphcrm.i18n import _
from graphcrm.model import NODE_FIELDS, USER_ROLES, Label
from graphcrm.model.nodes import new_id, public, sort_key
from graphcrm.model.schema import Body, Flag, Line, choice, clean
from graphcrm.store.db import Database

_hasher = PasswordHasher()
# Checked against when the e-mail is unknown, so a failed sign-in takes the same time either way.
_DUMMY_HASH = _hasher.hash("not a password of anyone")
MIN_PASSWORD = 10


def set_hash_cost(*, time_cost: int, memory_cost: int, parallelism: int) -> None:
    """Change the argon2 cost of new hashes (the test suite lowers it; stored hashes still verify)."""
    global _hasher, _DUMMY_HASH
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
    _DUMMY_HASH = _hasher.hash("not a password of anyone")


def create_user(db: Database, *, email: str, name: str, role: str, password: str | None = None,
                **extra) -> dict:
    """Create a user; a duplicate e-mail raises Conflict."""
    props = clean(NODE_FIELDS[Label.USER], {"email": email, "name": name, "role": role, **extra})
    if password is not None:
        if len(password) < MIN_PASSWORD:
            raise Invalid(_("password must have at least %(min)s characters", min=MIN_PASSWORD),
                          {"password": _("must have at least %(min)s characters", min=MIN_PASSWORD)})
        props["password_hash"] = _hasher.hash(password)
    props.setdefault("active", True)
    props["sort_key"] = sort_key(Label.USER, props)
    try:
        row = db.write_one("users/create", id=new_id(), props={k: v for k, v in props.items() if v is not None})
    except Conflict:
        raise Conflict(_("A user with e-mail %(email)s exists already", email=props["email"]),
                       {"email": _("is taken")}) from None
    return public(row["user"])


def authenticate(db: Database, email: str, password: str) -> dict | None:
    """Return the user for a correct e-mail and password, else None (same work either way)."""
    row = db.read_one("users/by_email", email=(email or "").strip().lower())
    user = row["user"] if row else None
    stored = (user or {}).get("password_hash") or _DUMMY_HASH
    try:
        _hasher.verify(stored, password or "")
    except (VerificationError, InvalidHashError):
        return None
    # A user without a password (imported, or signing in by token only) never signs in with one:
    # without this check the dummy hash's own text would open their account.
    if user is None or not user.get("password_hash") or not user.get("active", True):
        return None
    if _hasher.check_needs_rehash(stored):
        db.write("users/set_password", id=user["id"], hash=_hasher.hash(password))
    return public(user)


def user_by_email(db: Database, email: str) -> dict | None:
    """Return the user with that e-mail, or None."""
    row = db.read_one("users/by_email", email=(email or "").strip().lower())
    return public(row["user"]) if row else None


def _token_hash(token: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough and lookups stay indexed.
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db: Database, email: str, name: str = "cli") -> str:
    """Create an API token for a user and return it; only its hash is stored."""
    user = user_by_email(db, email)
    if user is None:
        raise Invalid(_("No user with e-mail %(email)s", email=email), {"email": _("no such user")})
    token = "gcrm_" + secrets.token_urlsafe(32)
    db.write("users/create_token", user_id=user["id"], id=new_id(), hash=_token_hash(token), name=name)
    return token


def token_holder(db: Database, token: str) -> tuple[dict, list[str]] | None:
    """Return the user a valid, unrevoked token belongs to and their team, else None."""
    if not token or len(token) > 200:
        return None
    row = db.read_one("users/by_token", hash=_token_hash(token))
    return (public(row["user"]), row["team"]) if row else None


def revoke_tokens(db: Database, email: str, token_id: str | None = None) -> int:
    """Revoke one or all tokens of a user; return how many."""
    return db.write_one("users/revoke_tokens", email=email.strip().lower(), token_id=token_id)["revoked"]


class PasswordBody(Body):
    """`{"current", "new"}`: a password change by the user themselves."""

    current: Annotated[str, PydanticField(max_length=1000)]
    new: Annotated[str, PydanticField(min_length=MIN_PASSWORD, max_length=1000)]


class UserPatchBody(Body):
    """`{"name", "role", "active"}`: what an admin changes about a user."""

    name: Line = None
    role: choice(USER_ROLES) = None
    active: Flag = None


def change_password(db: Database, access: Access, body, *, keep: str | None = None) -> dict:
    """Change the signed-in user's own password; every other session of theirs ends (`keep` stays)."""
    checked = PasswordBody.check(body)
    if access.user_id is None:
        raise Forbidden(_("Only a signed-in user changes their password."))
    row = db.read_one("records/get", {"label": Label.USER}, id=access.user_id)
    user = row["node"] if row else None
    if user is None or authenticate(db, user["email"], checked.current) is None:
        raise Invalid(_("The current password is not right."), {"current": _("is not right")})
    db.write("users/set_password", id=user["id"], hash=_hasher.hash(checked.new))
    return {"sessions_ended": sessions.end_all(db, user["id"], keep=keep)}


def update_user(db: Database, access: Access, user_id: str, body) -> dict:
    """An admin changes a user's name, role or active flag; a new role or a deactivation ends their sessions."""
    if not access.is_admin:
        raise Forbidden(_("Only admins change users."))
    given = {k: v for k, v in UserPatchBody.check(body).given().items()}
    if "name" in given and given["name"] is None:
        raise Invalid(_("Some fields are not valid: %(fields)s", fields="name"), {"name": _("is required")})
    if given.get("role", "x") is None or given.get("active", True) is None:
        raise Invalid(_("role and active cannot be cleared"), {k: _("cannot be cleared") for k in ("role", "active")
                                                            if k in given and given[k] is None})
    row = db.write_tx(_update_user, user_id, given)
    if row["ends_sessions"]:
        sessions.end_all(db, user_id)
    return public(row["user"])


def _update_user(tx, user_id: str, given: dict) -> dict:
    before = tx.one("users/lock", id=user_id)
    if before is None:
        raise NotFound(_("No user with id %(id)s", id=user_id))
    before = before["user"]
    demoted = before.get("role") == "admin" and (given.get("role", "admin") != "admin" or given.get("active") is False)
    if demoted and tx.one("users/active_admins")["admins"] <= 1:
        raise Conflict(_("This is the last active admin; make someone else admin first."),
                       {"role": _("the last admin stays admin")})
    props = dict(given)
    if "name" in props:
        props["sort_key"] = sort_key(Label.USER, {**before, **props})
    user = tx.one("users/update", id=user_id, props=props)["user"]
    ends = (given.get("role", before.get("role")) != before.get("role")
            or (given.get("active") is False and before.get("active", True)))
    return {"user": user, "ends_sessions": ends}


def sign_out_everywhere(db: Database, access: Access, user_id: str, *, keep: str | None = None) -> dict:
    """End every session of a user (the user themselves, or an admin for anyone); `keep` stays."""
    if not (access.is_admin or (access.user_id is not None and access.user_id == user_id)):
        raise Forbidden(_("Only admins sign other users out."))
    if db.read_one("records/get", {"label": Label.USER}, id=user_id) is None:
        raise NotFound(_("No user with id %(id)s", id=user_id))
    ended = sessions.end_all(db, user_id, keep=keep)
    audit.note(db, "sign_out_everywhere", access.user_id, f"{user_id}: {ended} session(s) ended")
    return {"sessions_ended": ended}

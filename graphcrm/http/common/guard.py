"""Who is asking: session or bearer token; CSRF for browser writes; the sign-in requirement."""
from __future__ import annotations

import functools
import hmac
import secrets

from flask import Flask, current_app, g, redirect, request, session, url_for

from graphcrm.access import policy as permissions
from graphcrm.access import sessions, users
from graphcrm.errors import Forbidden, Unauthorized
from graphcrm.http.common.context import get_db
from graphcrm.i18n import _

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def csrf_token() -> str:
    """Return this session's CSRF token, creating it on first use."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    """Refuse a browser write whose form field or header lacks the session's token."""
    sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token") or ""
    expected = session.get("csrf") or ""
    if not expected or not hmac.compare_digest(sent, expected):
        raise Forbidden(_("The form expired or did not come from this site; reload the page and try again."))


def _load_user() -> None:
    # The team comes with the user (one round trip), for the request's Access.
    g.user, g.team, g.via_token = None, None, False
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer ") and request.path.startswith("/api/"):
        found = users.token_holder(get_db(), header[7:].strip())
        if found is None:
            raise Unauthorized(_("The API token is not valid or was revoked."))
        g.user, g.via_token = found[0], True
        g.team = (g.user["id"], found[1])
        return
    token = session.get("sid")
    if token:
        # The cookie only names a session; whether it still lives is the database's to say, so a
        # sign-out, a password or role change and the timeouts end it on every app server.
        found = sessions.signed_in(get_db(), token, sessions.lifetime_of(current_app.config))
        if found and found[0].get("active", True):
            g.user = users.public(found[0])
            g.team = (g.user["id"], found[1])
        else:
            session.clear()


def register(app: Flask) -> None:
    """Load the user for every request except static files; check CSRF on browser writes."""

    @app.before_request
    def before():
        # Static files and the message catalogues (their locale is in their URL) need no user.
        if request.endpoint in ("static", "i18n.catalogue_json", "i18n.catalogue_script"):
            return
        _load_user()
        g.access = current_access()
        if request.path.startswith("/api/") and request.endpoint != "api.openapi":
            require_user()
        if request.method not in SAFE_METHODS and not g.via_token:
            check_csrf()

    @app.context_processor
    def inject():
        return {"csrf_token": csrf_token, "current_user": g.get("user")}


def start_session(user: dict) -> None:
    """Sign the user in: a fresh server-side session and a fresh cookie (no id survives from before)."""
    session.clear()
    session["sid"] = sessions.start(get_db(), user["id"], sessions.lifetime_of(current_app.config))


def end_session() -> None:
    """Sign out: the server forgets the session, so a replayed cookie opens nothing."""
    sessions.end(get_db(), session.get("sid"))
    session.clear()


def session_token() -> str | None:
    """The current browser session's token (None for API tokens), kept when a user ends their other sessions."""
    return None if g.get("via_token") else session.get("sid")


def login_required(view):
    """Pages: send anonymous visitors to the sign-in page."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("user") is None:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def require_user() -> dict:
    """API: return the signed-in user or raise Unauthorized."""
    if g.get("user") is None:
        raise Unauthorized(_("Sign in, or send Authorization: Bearer <token>."))
    return g.user


def signing_key() -> bytes:
    """The app's secret as bytes: what cursors and hidden ids are signed with."""
    secret = current_app.secret_key
    return secret.encode() if isinstance(secret, str) else bytes(secret)


def current_access() -> permissions.Access:
    """The signed-in user's Access (role, team, sharing), built once per request."""
    if "access" not in g or g.access is None or g.access.user_id != (g.user or {}).get("id"):
        sharing = current_app.config.get("PEOPLE_SHARING", "read")
        user_id = (g.get("user") or {}).get("id")
        # The team read with the user at sign-in belongs to that user only.
        team = g.team[1] if g.get("team") and g.team[0] == user_id else None
        g.access = permissions.access_for(get_db(), g.get("user"), sharing, signing_key(), team=team)
    return g.access

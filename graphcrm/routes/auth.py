"""Sign-in and sign-out for the pages."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, g, redirect, render_template, request, session, url_for

from .. import audit, users
from ..app import get_db

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only redirect within this site after sign-in."""
    if not target:
        return url_for("pages.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("pages.home")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form; on POST check the password and start a session."""
    error = None
    if request.method == "POST":
        db, email = get_db(), request.form.get("email", "")
        audit.check_throttle(db, email, request.remote_addr)
        user = users.authenticate(db, email, request.form.get("password", ""))
        audit.record(db, action="sign_in" if user else "sign_in_failed", user=user or {"email": email[:200]},
                     method="POST", path=request.path, status=302 if user else 401, ip=request.remote_addr,
                     via="session")
        if user:
            audit.clear_failures(db, email)
            session.clear()
            session["user_id"] = user["id"]
            return redirect(_safe_next(request.args.get("next")))
        audit.note_failure(db, email, request.remote_addr)
        # One message for an unknown e-mail and a wrong password: no user enumeration.
        error = "E-mail or password is not right."
    if g.get("user"):
        return redirect(url_for("pages.home"))
    return render_template("login.html", error=error, email=request.form.get("email", "")), (401 if error else 200)


@bp.post("/logout")
def logout():
    """End the session."""
    session.clear()
    return redirect(url_for("auth.login"))

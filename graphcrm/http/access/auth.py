"""Sign-in and sign-out for the pages."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import refresh

from graphcrm.access import audit, preferences, sessions, users
from graphcrm.errors import Invalid
from graphcrm.http.common import locale
from graphcrm.http.common.context import get_db
from graphcrm.http.common.guard import end_session, login_required, session_token, start_session
from graphcrm.i18n import _, ngettext

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
            start_session(user)
            return redirect(_safe_next(request.args.get("next")))
        audit.note_failure(db, email, request.remote_addr)
        # One message for an unknown e-mail and a wrong password: no user enumeration.
        error = _("E-mail or password is not right.")
    if g.get("user"):
        return redirect(url_for("pages.home"))
    page = render_template("access/login.html", error=error, email=request.form.get("email", ""))
    return page, (401 if error else 200)


@bp.post("/logout")
def logout():
    """End the session on the server, not only in this browser."""
    if g.get("user"):
        audit.record(get_db(), action="sign_out", user=g.user, method="POST", path=request.path, status=302,
                     ip=request.remote_addr, via="session")
    end_session()
    return redirect(url_for("auth.login"))


def _profile(error: str | None = None, status: int = 200, preferences_error: str | None = None):
    live = sessions.count(get_db(), g.user["id"], sessions.lifetime_of(current_app.config))
    return render_template("access/profile.html", live=live, error=error, min_password=users.MIN_PASSWORD,
                           preferences_error=preferences_error, locale_choices=locale.choice_names(),
                           common_zones=locale.COMMON_ZONES,
                           default_zone=current_app.config["DEFAULT_TIMEZONE"]), status


@bp.get("/me")
@login_required
def profile():
    """The signed-in user's account: password and sessions."""
    return _profile()


@bp.post("/me/password")
@login_required
def password():
    """Change the own password from the profile page; other browsers are signed out."""
    try:
        result = users.change_password(get_db(), g.access, {"current": request.form.get("current", ""),
                                                             "new": request.form.get("new", "")}, keep=session_token())
    except Invalid as exc:
        return _profile(" ".join(_("Current password %(problem)s.", problem=v) if k == "current"
                                 else _("New password %(problem)s.", problem=v)
                                 for k, v in exc.fields.items()) or exc.message, 422)
    ended = result["sessions_ended"]
    flash(ngettext("Password changed. %(num)d other session ended.", "Password changed. %(num)d other sessions ended.",
                   ended), "ok")
    return redirect(url_for("auth.profile"))


@bp.post("/me/preferences")
@login_required
def preferences_form():
    """Save the signed-in user's language and time zone; the next page speaks it."""
    try:
        saved = preferences.set_preferences(get_db(), g.access, request.form.get("locale"),
                                            request.form.get("time_zone"))
    except Invalid as exc:
        return _profile(preferences_error=_fields_text(exc), status=422)
    g.user = {**g.user, **saved}
    refresh()  # the confirmation already speaks the new language
    flash(_("Settings saved."), "ok")
    return redirect(url_for("auth.profile"))


def _fields_text(exc: Invalid) -> str:
    """An error and its fields as one line: 'Some fields are not valid: locale (is not ...)'."""
    return " · ".join([exc.message, *(f"{name}: {text}" for name, text in exc.fields.items())])


@bp.post("/me/sign-out")
@login_required
def sign_out_elsewhere():
    """End every other session of the signed-in user."""
    ended = users.sign_out_everywhere(get_db(), g.access, g.user["id"], keep=session_token())["sessions_ended"]
    flash(ngettext("Signed out in %(num)d other session.", "Signed out in %(num)d other sessions.", ended), "ok")
    return redirect(url_for("auth.profile"))

"""What the touchpoint pages show: quick-log form values, chart geometry, the person-page summary."""
from __future__ import annotations

import datetime as dt
import re

from graphcrm.access.policy import Access
from graphcrm.http.common.format import reader_zone
from graphcrm.i18n import _, _l
from graphcrm.store.db import Database
from graphcrm.touchpoints import activities
from graphcrm.touchpoints import targets as kpi

OFFSET_RE = re.compile(r"^[+-]\d{2}:\d{2}$")
LOG_FIELDS = ("kind", "at", "tz", "duration", "subject", "notes", "account", "opportunity")
COLORS = {"met": "#137a4b", "on_track": "#2457d6", "at_risk": "#d48806", "missed": "#b42318"}
LABELS = {"met": _l("met"), "on_track": _l("on track"), "at_risk": _l("at risk"), "missed": _l("missed")}
CHART_ROWS = 25


def log_defaults(context: dict, now: dt.datetime | None = None) -> dict:
    """Prefill: a call with this person now (the reader's time zone; touchpoints.js puts the phone's own time)."""
    now = (now or activities.utcnow()).astimezone(reader_zone())
    primary = next((a["id"] for a in context["accounts"] if a["primary"]), "")
    return {"kind": "call", "at": now.strftime("%Y-%m-%dT%H:%M"), "tz": "", "duration": "",
            "subject": _("Call with %(name)s", name=context["name"]), "notes": "", "account": primary,
            "opportunity": ""}


def log_form_values(form) -> dict:
    """The posted quick-log fields as stripped strings."""
    return {name: (form.get(name) or "").strip() for name in LOG_FIELDS}


def log_body(form: dict, person_id: str) -> dict:
    """Turn the form into an API body; values that do not parse are passed on so validation names them."""
    body = {"kind": form["kind"], "people": [person_id], "at": _at(form["at"], form["tz"])}
    if form["duration"]:
        body["duration"] = int(form["duration"]) if form["duration"].isdigit() else form["duration"]
    for name in ("subject", "notes", "account", "opportunity"):
        if form[name]:
            body[name] = form[name]
    return body


def _at(text: str, offset: str) -> str | None:
    if not text:
        return None
    if OFFSET_RE.match(offset or ""):
        return f"{text}{offset}"
    try:
        # A time without an offset from the browser is read in the reader's zone, as the pages show times.
        return dt.datetime.fromisoformat(text).replace(tzinfo=reader_zone()).isoformat()
    except ValueError:
        return text


def stacked(counts: dict, width: float) -> list[dict]:
    """Segments of one stacked bar: x, width, color per status, in status order."""
    total = sum(counts.get(s, 0) for s in kpi.STATUSES) or 1
    x, out = 0.0, []
    for status in kpi.STATUSES:
        n = counts.get(status, 0)
        if n:
            w = width * n / total
            out.append({"status": status, "label": LABELS[status], "n": n, "x": round(x, 2),
                        "w": round(w, 2), "color": COLORS[status]})
            x += w
    return out


def kpi_charts(report: dict) -> dict:
    """Geometry of the dashboard's SVG charts: one bar for all people, one row per owner."""
    rows = []
    for i, owner in enumerate(report["owners"][:CHART_ROWS]):
        total = sum(owner[s] for s in kpi.STATUSES)
        rows.append({"y": i * 28, "label": (owner["owner"] or {}).get("name") or _("no owner"), "total": total,
                     "segments": stacked(owner, 200)})
    return {"totals": stacked(report["totals"], 300), "owners": rows, "owners_height": max(28, len(rows) * 28),
            "legend": [{"status": s, "label": LABELS[s], "color": COLORS[s]} for s in kpi.STATUSES],
            "owners_cut": max(0, len(report["owners"]) - CHART_ROWS)}


def period_nav(period: dict) -> dict:
    """The keys of the previous and next period of the same type."""
    start, end = period["start"], period["end"]
    return {"prev": kpi.period_of(period["type"], start - dt.timedelta(days=1)).key,
            "next": kpi.period_of(period["type"], end).key}


def person_summary(db: Database, person_id: str, user: dict | None, access: Access) -> dict | None:
    """Last touches, the viewer's strength, colleagues who know them, and KPI status; None if no such person."""
    touch = activities.touch_summary(db, person_id)
    if touch is None:
        return None
    strength = activities.person_strength(db, person_id, user["id"], access=access) if user else None
    now = activities.utcnow()
    targets = kpi.effective_targets(db, [person_id], now)
    overdue = kpi.overdue_from(targets, now).get(person_id)
    return {"touch": touch, "strength": strength, "targets": targets, "overdue": overdue,
            "colors": COLORS, "labels": LABELS}

"""KPI targets (a minimum of touchpoints per month, quarter or year) and where each contact stands.

A Target hangs off a Person, an Account, or a User via HAS_TARGET; a User's target is the default
for every person that user owns, unless the person has its own target of the same period type.
Periods are calendar months, quarters and years in UTC: [start, end), e.g. 2026-Q4 is
2026-10-01T00:00Z up to (not including) 2027-01-01T00:00Z. Status in a period:
  met       the count reached min_touchpoints
  missed    the period is over and it did not
  on_track  the period has not started, or the count at the linear pace so far reaches the minimum
            (count * period_length >= min * elapsed)
  at_risk   the period runs and that pace falls short
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graphcrm.access import checks as record_access
from graphcrm.access.policy import Access
from graphcrm.errors import Conflict, Forbidden, Invalid, NotFound
from graphcrm.i18n import _
from graphcrm.model import ACTIVITY_KINDS, Field, Label
from graphcrm.model.nodes import new_id
from graphcrm.model.schema import Body, RecordId, typed
from graphcrm.model.words import no_such
from graphcrm.records import paging
from graphcrm.store.db import Database, Tx
from graphcrm.touchpoints.activities import TOUCH_KINDS, utcnow

PERIOD_TYPES = ("month", "quarter", "year")
STATUSES = ("met", "on_track", "at_risk", "missed")
SCOPES = {"person": Label.PERSON, "account": Label.ACCOUNT, "user": Label.USER}
TARGET_FIELDS = {
    "period": Field("enum", required=True, choices=PERIOD_TYPES),
    "min_touchpoints": Field("int", required=True, minimum=1, maximum=10_000),
    "kinds": Field("strlist", max_len=20),
}
_Scope = typed(Field("enum", choices=tuple(SCOPES)), required=True)
_Period = typed(TARGET_FIELDS["period"], required=True)
_Minimum = typed(TARGET_FIELDS["min_touchpoints"], required=True)
_Kinds = typed(TARGET_FIELDS["kinds"])


class TargetBody(Body):
    """`{"scope", "scope_id", "period", "min_touchpoints", "kinds"}`: a KPI target."""

    scope: _Scope
    scope_id: RecordId
    period: _Period
    min_touchpoints: _Minimum
    kinds: _Kinds = None


# Mean period lengths in days, for how often a target asks for a touch (overdue ratios).
PERIOD_DAYS = {"month": 365.25 / 12, "quarter": 365.25 / 4, "year": 365.25}
OVERDUE_CAP = 10.0
_PERIOD_RE = re.compile(r"^([0-9]{4})(?:-(?:Q([1-4])|([0-9]{2})))?$")


MIN_YEAR, MAX_YEAR = 1900, 2999  # the years a KPI period may fall in


@dataclass(frozen=True)
class Period:
    """One calendar period in UTC, [start, end)."""

    key: str
    type: str
    start: dt.datetime
    end: dt.datetime

    def elapsed(self, now: dt.datetime) -> int:
        """Seconds of the period gone by at `now`, between 0 and its length."""
        return int(min(max((now - self.start).total_seconds(), 0), self.span))

    @property
    def span(self) -> int:
        """Length in seconds."""
        return int((self.end - self.start).total_seconds())


def parse_period(text: str | None, now: dt.datetime | None = None) -> Period:
    """Parse 2026, 2026-Q4 or 2026-11 (default: the current quarter); raise Invalid naming `period`."""
    if not text:
        now = now or utcnow()
        return period_of("quarter", now)
    match = _PERIOD_RE.match(text.strip()) if isinstance(text, str) else None
    if not match or (match.group(3) and not 1 <= int(match.group(3)) <= 12):
        raise Invalid(_("period must look like 2026, 2026-Q4 or 2026-11"),
                      {"period": _("must be YYYY, YYYY-Qn or YYYY-MM")})
    if not MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
        # Year 9999's end would be year 10000, which no datetime holds.
        raise Invalid(_("period must be a year from %(min)s to %(max)s", min=MIN_YEAR, max=MAX_YEAR),
                      {"period": _("year must be between %(min)s and %(max)s", min=MIN_YEAR, max=MAX_YEAR)})
    year = int(match.group(1))
    if match.group(2):
        return _period("quarter", year, 3 * int(match.group(2)) - 2, 3)
    if match.group(3):
        return _period("month", year, int(match.group(3)), 1)
    return _period("year", year, 1, 12)


def period_of(kind: str, when: dt.datetime) -> Period:
    """Return the month, quarter or year that contains `when`."""
    when = when.astimezone(dt.UTC)
    if kind == "month":
        return _period("month", when.year, when.month, 1)
    if kind == "quarter":
        return _period("quarter", when.year, 3 * ((when.month - 1) // 3) + 1, 3)
    return _period("year", when.year, 1, 12)


def _period(kind: str, year: int, month: int, months: int) -> Period:
    start = dt.datetime(year, month, 1, tzinfo=dt.UTC)
    end_year, end_month = divmod(month - 1 + months, 12)
    end = dt.datetime(year + end_year, end_month + 1, 1, tzinfo=dt.UTC)
    key = {"month": f"{year}-{month:02d}", "quarter": f"{year}-Q{(month + 2) // 3}", "year": f"{year}"}[kind]
    return Period(key, kind, start, end)


def status_of(count: int, minimum: int, period: Period, now: dt.datetime) -> str:
    """Return met, missed, on_track or at_risk (the rule in this module's docstring)."""
    elapsed = period.elapsed(now)
    if count >= minimum:
        return "met"
    if elapsed >= period.span:
        return "missed"
    if elapsed <= 0 or count * period.span >= minimum * elapsed:
        return "on_track"
    return "at_risk"


# -- targets ---------------------------------------------------------------------------------

def check_target_write(db: Database, access: Access, scope: str | None, scope_id: str | None) -> None:
    """Refuse a target change the viewer may not make.

    A person's or account's target is changed by those who may edit the record; a user's default
    target by the user's managers (and admins), or by the user themselves.
    """
    if access.is_system:
        return
    record_access.require_writer(access)
    if scope == "user":
        if isinstance(scope_id, str) and not access.manages(scope_id):
            raise Forbidden(_("Only the user's managers and admins set default targets for other users."))
    elif scope in SCOPES and isinstance(scope_id, str):
        record_access.check_edit(db, access, scope_id)


def create_target(db: Database, data, *, access: Access) -> dict:
    """Validate and create a target for a person, account or user; one per record and period type."""
    record_access.require_writer(access)
    checked = TargetBody.check(data)
    kinds = checked.kinds or list(TOUCH_KINDS)
    unknown = [k for k in kinds if k not in ACTIVITY_KINDS]
    if unknown:
        raise Invalid(_("Some fields are not valid: %(fields)s", fields="kinds"),
                      {"kinds": _("unknown kinds: %(kinds)s", kinds=", ".join(unknown))})
    scope, scope_id = checked.scope, checked.scope_id
    check_target_write(db, access, scope, scope_id)
    props = {"period": checked.period, "min_touchpoints": checked.min_touchpoints, "kinds": sorted(set(kinds))}
    target_id = new_id()
    db.write_tx(_create_target, SCOPES[scope], scope_id, target_id, props)
    return get_target(db, target_id, access=access)


def _create_target(tx: Tx, label: Label, scope_id: str, target_id: str, props: dict) -> None:
    row = tx.one("kpi/lock_scope", {"label": label}, id=scope_id, period=props["period"])
    if row is None:
        raise Invalid(no_such(label, scope_id), {"scope_id": _("no such record")})
    if row["taken"]:
        raise Conflict(_target_taken(label, props["period"]), {"period": _("has a target already")})
    tx.run("kpi/create_target", {"label": label}, scope_id=scope_id, id=target_id, props=props)


def _target_taken(label: Label, period: str) -> str:
    word = {"month": _("month"), "quarter": _("quarter"), "year": _("year")}.get(period, period)
    if label is Label.PERSON:
        return _("This person has a %(period)s target already; delete it first.", period=word)
    if label is Label.ACCOUNT:
        return _("This account has a %(period)s target already; delete it first.", period=word)
    return _("This user has a %(period)s target already; delete it first.", period=word)


def list_targets(db: Database, *, scope_id: str | None = None, period: str | None = None,
                 limit: int = 50, cursor: str | None = None, access: Access) -> dict:
    """Return one page `{"items", "next"}` of targets in id order (of records the viewer may see)."""
    if period is not None and period not in PERIOD_TYPES:
        raise Invalid(_("period must be month, quarter or year"), {"period": _("must be month, quarter or year")})
    (after,) = paging.decode(access, cursor, str) or (None,)
    rows = db.read("kpi/targets", id=None, scope_id=scope_id, period=period, after=after, limit=limit + 1,
                   **record_access.visibility(access))
    items = [r["target"] for r in rows[:limit]]
    return {"items": items, "next": paging.encode(access, items[-1]["id"]) if len(rows) > limit else None}


def get_target(db: Database, target_id: str, *, access: Access) -> dict:
    """Return one target, or raise NotFound (also for a target of a person the viewer may not see)."""
    row = db.read_one("kpi/targets", id=target_id, scope_id=None, period=None, after=None, limit=1,
                      **record_access.visibility(access))
    if row is None:
        raise NotFound(_("No target with id %(id)s", id=target_id))
    return row["target"]


def delete_target(db: Database, target_id: str, *, access: Access) -> None:
    """Delete one target, or raise NotFound."""
    target = get_target(db, target_id, access=access)
    check_target_write(db, access, target["scope"], target["scope_id"])
    if db.write_one("kpi/delete_target", id=target_id)["deleted"] == 0:
        raise NotFound(_("No target with id %(id)s", id=target_id))


# -- the report --------------------------------------------------------------------------------

def kpi_report(db: Database, period: str | None = None, *, owner: str | None = None,
               account: str | None = None, status: str | None = None, limit: int = 50,
               cursor: str | None = None, now: dt.datetime | None = None, access: Access) -> dict:
    """Return targets and their status in a period: totals, per owner, per account, one page of people.

    With `access` it covers the viewer's scope (record_access.report_scope) and people they may see.
    """
    now = now or utcnow()
    p = parse_period(period, now)
    if status is not None and status not in STATUSES:
        choices = ", ".join(STATUSES)
        raise Invalid(_("status must be one of %(expected)s", expected=choices),
                      {"status": _("must be one of %(expected)s", expected=choices)})
    owners = record_access.report_scope(access, owner or None)
    after_key, after_id = paging.decode(access, cursor, list, str) or (None, None)
    bounds = {"type": p.type, "start": p.start, "end": p.end, "span": p.span, "elapsed": p.elapsed(now),
              "owners": owners, **record_access.report_visibility(access)}
    return db.read_tx(_report, p, bounds, owner or None, account or None, status, limit, after_key, after_id, now,
                      access)


def _report(tx: Tx, p: Period, bounds: dict, owner, account, status, limit, after_key, after_id, now,
            access: Access) -> dict:
    row = tx.one("kpi/people", **bounds, owner=owner, account=account, status=status, limit=limit + 1,
                 after_key=after_key, after_id=after_id)
    people = row["people"]
    next_cursor = None
    if len(people) > limit:
        people = people[:limit]
        next_cursor = paging.encode(access, people[-1]["key"], people[-1]["person"])
    for person in people:
        del person["key"]
    owners = sorted(({"owner": o["owner"], "target": o["target"], **_counts(o["counts"])} for o in row["owners"]),
                    key=lambda o: (-o["missed"] - o["at_risk"], ((o["owner"] or {}).get("name") or "")))
    totals = {status: sum(o[status] for o in owners) for status in STATUSES}
    accounts = tx.run("kpi/accounts", **{k: v for k, v in bounds.items() if k not in ("see_all", "viewer_team")},
                      account=account, limit=201)
    return {
        "period": {"key": p.key, "type": p.type, "start": p.start, "end": p.end,
                   "elapsed": round(bounds["elapsed"] / p.span, 4)},
        "as_of": now,
        "totals": {**totals, "people": row["total"]},
        "owners": owners[:200], "owners_truncated": len(owners) > 200,
        "accounts": accounts[:200], "accounts_truncated": len(accounts) > 200,
        "people": {"items": people, "next": next_cursor},
    }


def _counts(pairs: list) -> dict:
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: n for status, n in pairs})
    return counts


# -- per person: the person page and the network view ------------------------------------------

def effective_targets(db: Database, person_ids: list[str], now: dt.datetime | None = None) -> list[dict]:
    """Return, per person and applicable target, the count and status in the current period."""
    now = now or utcnow()
    periods = {kind: period_of(kind, now) for kind in PERIOD_TYPES}
    bounds = {kind: [p.start, p.end] for kind, p in periods.items()}
    rows = db.read("kpi/effective_targets", ids=list(person_ids), bounds=bounds)
    for row in rows:
        period = periods[row["target"]["period"]]
        row["period"] = period.key
        row["status"] = status_of(row["count"], row["target"]["min_touchpoints"], period, now)
    return rows


def overdue(db: Database, person_ids: list[str], now: dt.datetime | None = None) -> dict[str, dict]:
    """Return per person id `{"ratio", "days_since", "interval_days", "target"}` for its most overdue target.

    ratio = days since the last touch of the target's kinds / (period days / min_touchpoints);
    1.0 means a touch is due now. Never touched counts from when the person was created. Capped at
    OVERDUE_CAP. People without a target are left out.
    """
    now = now or utcnow()
    return overdue_from(effective_targets(db, person_ids, now), now)


def overdue_from(targets: list[dict], now: dt.datetime) -> dict[str, dict]:
    """`overdue` from rows of `effective_targets` already read (a page that shows both reads them once)."""
    result: dict[str, dict] = {}
    for row in targets:
        target = row["target"]
        interval = PERIOD_DAYS[target["period"]] / target["min_touchpoints"]
        since = row["last"] or row["created_at"]
        days = None if since is None else (now - since.to_native()).total_seconds() / 86400
        ratio = OVERDUE_CAP if days is None else min(OVERDUE_CAP, max(0.0, days / interval))
        best = result.get(row["person"])
        if best is None or ratio > best["ratio"]:
            result[row["person"]] = {"ratio": round(ratio, 3), "days_since": None if days is None else int(days),
                                     "interval_days": round(interval, 2), "target": target,
                                     "last_touch": row["last"]}
    return result


MAX_OVERDUE_IDS = 500


def overdue_for(db: Database, person_ids: list[str], *, access: Access) -> dict:
    """Return the overdue ratio of each listed person; people the viewer may not see answer like unknown ids."""
    if not person_ids:
        raise Invalid(_("ids is required"), {"ids": _("comma-separated person ids")})
    if len(person_ids) > MAX_OVERDUE_IDS:
        raise Invalid(_("at most %(max)s ids", max=MAX_OVERDUE_IDS),
                      {"ids": _("at most %(max)s ids", max=MAX_OVERDUE_IDS)})
    owners = record_access.owners_of(db, person_ids)
    found = overdue(db, [i for i in person_ids if i in owners and access.sees_person(owners[i])])
    return {"items": [{"person": pid, **found[pid]} if pid in found else {"person": pid, "ratio": None}
                      for pid in dict.fromkeys(person_ids)], "next": None}


def overdue_ratio(db: Database, person_ids: list[str], now: dt.datetime | None = None) -> dict[str, float | None]:
    """Return person id -> overdue ratio (see `overdue`), None for people without a target."""
    found = overdue(db, person_ids, now)
    return {pid: (found[pid]["ratio"] if pid in found else None) for pid in person_ids}

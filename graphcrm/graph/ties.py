"""How strong a tie is, and how to say it: the cost model of `rank=strength` and the hop texts.

Each tie gets a strength s in (0, 1]; an edge costs 1 / max(s, MIN_STRENGTH), so every hop costs
at least 1 and a path through strong ties beats a shorter one through weak ties only when the
ties are much stronger. A person reaching a person through an account is the virtual tie
COLLEAGUES (two hops): it exists only when their periods there overlap (EMPLOYS since..now,
WORKED_AT and BOARD_MEMBER since..until), and it weakens with the size of the company unless
they share a department. Passing through an account on its plain edges instead is made costly
(s = 0.1-0.2 per edge), so "both worked there, at different times" ranks far behind.
User-person ties take their strength from strength.py (touchpoints and ownership).
"""
from __future__ import annotations

import datetime as dt
import itertools
import math

import networkx as nx

from graphcrm.graph.candidates import TOUCHED, Tie, ensure_touches
from graphcrm.i18n import _
from graphcrm.touchpoints import strength

MIN_STRENGTH = 0.02
COLLEAGUES = "COLLEAGUES"
BASE = {"EMPLOYS": 0.2, "BOARD_MEMBER": 0.2, "WORKED_AT": 0.1, "CONTACT_ROLE": 0.6, "HAS_OPPORTUNITY": 0.5,
        "OWNS": 0.5, "PARTNER_OF": 0.3, "KNOWS": 0.8, "REPORTS_TO": 0.8}
SEATS = ("EMPLOYS", "WORKED_AT", "BOARD_MEMBER")
MAX_PEOPLE_PER_ACCOUNT = 60  # pairs considered per account in one search


def rate(graph: nx.Graph, tie: Tie) -> float:
    """Return the strength of one real tie (and remember it on the tie)."""
    if tie.touches is not None and tie.type in (TOUCHED, "OWNS"):
        value = strength.strength(tie.touches)
    else:
        value = BASE.get(tie.type, 0.1)
    tie.strength = value
    return value


def cost(value: float) -> float:
    """Return the edge cost of a strength."""
    return 1.0 / max(value, MIN_STRENGTH)


def weigh(graph: nx.Graph, edges=None) -> None:
    """Set `cost` and `best` (the strongest tie) on the edges (default: every edge)."""
    edges = list(graph.edges()) if edges is None else list(edges)
    ensure_touches(graph, edges)
    for u, v in edges:
        data = graph[u][v]
        best = max(data["ties"], key=lambda t: rate(graph, t))
        data["best"], data["cost"] = best, cost(best.strength)


def add_colleagues(graph: nx.Graph, today: dt.date) -> None:
    """Add COLLEAGUES edges between people whose seats at the same account overlapped."""
    for account, kind in list(graph.nodes(data="kind")):
        if kind != "account":
            continue
        seats = [(p, t) for p in graph.neighbors(account) if graph.nodes[p]["kind"] == "person"
                 for t in graph[account][p]["ties"] if t.type in SEATS]
        people = list(dict.fromkeys(p for p, _ in seats))[:MAX_PEOPLE_PER_ACCOUNT]
        by_person = {p: [t for q, t in seats if q == p] for p in people}
        for p1, p2 in itertools.combinations(people, 2):
            best = None
            for t1, t2 in itertools.product(by_person[p1], by_person[p2]):
                value = colleague_strength(graph, account, p1, t1, p2, t2, today)
                if value and (best is None or value > best.strength):
                    best = Tie(COLLEAGUES, p1, p2, via=account, ties=(t1, t2), strength=value)
            if best is None:
                continue
            if not graph.has_edge(p1, p2):
                graph.add_edge(p1, p2, ties=[], cost=math.inf)
            data = graph[p1][p2]
            data["ties"].append(best)
            if cost(best.strength) < data["cost"]:
                data["best"], data["cost"] = best, cost(best.strength)


def colleague_strength(graph, account, p1, t1: Tie, p2, t2: Tie, today: dt.date) -> float:
    """Return the strength of two people's overlapping seats at one account, 0 if they never met there."""
    overlap, certain = _overlap(_period(t1, today), _period(t2, today), today)
    if not overlap:
        return 0.0
    if t1.type == t2.type == "BOARD_MEMBER":
        value = 0.9
    else:
        base = 0.5 if "BOARD_MEMBER" in (t1.type, t2.type) else 0.6
        value = base * company_factor(graph.nodes[account]["size"])
        if same_department(graph, p1, t1, p2, t2):
            value = max(value, 0.8)
    return value if certain else value * 0.6


def company_factor(size: int) -> float:
    """Return how much a shared employer counts: 1 up to 50 people, 0.4 at 50,000."""
    if not size or size <= 50:
        return 1.0
    return min(1.0, max(0.25, 1.0 - 0.2 * math.log10(size / 50)))


def same_department(graph, p1, t1: Tie, p2, t2: Tie) -> bool:
    """True when both seats (or both people) name the same department."""
    d1 = (t1.props.get("department") or graph.nodes[p1].get("department") or "").strip().lower()
    d2 = (t2.props.get("department") or graph.nodes[p2].get("department") or "").strip().lower()
    return bool(d1) and d1 == d2


def _period(tie: Tie, today: dt.date) -> tuple:
    since = _date(tie.props.get("since"))
    until = _date(tie.props.get("until"))
    # A job or board seat without an end is held now; a former job without one ended at an unknown date.
    if until is None and tie.type in ("EMPLOYS", "BOARD_MEMBER"):
        until = today
    return since, until


def _overlap(p1: tuple, p2: tuple, today: dt.date) -> tuple[bool, bool]:
    """Return (may have overlapped, known for sure)."""
    (s1, u1), (s2, u2) = p1, p2
    start = max((d for d in (s1, s2) if d), default=None)
    end = min((d for d in (u1, u2) if d), default=None)
    if start and end and start > end:
        return False, True
    return True, (u1 == u2 == today) or None not in (s1, s2, u1, u2)


def _date(value) -> dt.date | None:
    value = strength.to_datetime(value)
    return value.date() if value else None


def with_period(text: str, tie: Tie) -> str:
    """Add the tie's period to a sentence: "... from 2015 to 2019", "... since 2019", or nothing."""
    since, until = _date(tie.props.get("since")), _date(tie.props.get("until"))
    if since and until:
        return _("%(text)s from %(start)s to %(end)s", text=text, start=since.year, end=until.year)
    if until:
        return _("%(text)s until %(end)s", text=text, end=until.year)
    return _("%(text)s since %(start)s", text=text, start=since.year) if since else text

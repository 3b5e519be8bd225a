"""Plain-language texts for the hops of a path: "You met Peter Frei 6 times, last on 2 Oct 2026"."""
from __future__ import annotations

import networkx as nx

from . import strength
from .candidates import TOUCHED, Tie
from .ties import period_text


def name(graph: nx.Graph, eid: str, viewer: str | None) -> str:
    """Return how a record is called in a sentence; the viewer is "You"."""
    data = graph.nodes[eid]
    if viewer and data["kind"] == "user" and data["id"] == viewer:
        return "You"
    return data["name"]


def seat_text(graph: nx.Graph, tie: Tie, viewer: str | None) -> str:
    """Say what one person-account tie is."""
    person, account = (tie.b, tie.a) if tie.type == "EMPLOYS" else (tie.a, tie.b)
    who, where = name(graph, person, viewer), name(graph, account, viewer)
    title = tie.props.get("title")
    as_title = f" as {title}" if title else ""
    if tie.type == "EMPLOYS":
        return f"{who} works at {where}{as_title}{period_text(tie)}"
    if tie.type == "WORKED_AT":
        return f"{who} worked at {where}{as_title}{period_text(tie)}"
    role = tie.props.get("role")
    role_text = f" ({role.replace('_', ' ')})" if role and role != "member" else ""
    if tie.props.get("until"):
        return f"{who} sat on the board of {where}{role_text}{period_text(tie)}"
    return f"{who} sits on the board of {where}{role_text}{period_text(tie)}"


def tie_text(graph: nx.Graph, tie: Tie, viewer: str | None) -> str:
    """Say what one real tie is, whichever way the path walks it."""
    a, b = name(graph, tie.a, viewer), name(graph, tie.b, viewer)
    p = tie.props
    if tie.type in ("EMPLOYS", "WORKED_AT", "BOARD_MEMBER"):
        return seat_text(graph, tie, viewer)
    if tie.type == TOUCHED or (tie.type == "OWNS" and tie.touches is not None):
        return strength.describe(tie.touches, a, b)
    if tie.type == "OWNS":
        noun = "contact" if graph.nodes[tie.b]["kind"] == "person" else graph.nodes[tie.b]["kind"]
        return f"{a} {'own' if a == 'You' else 'owns'} the {noun} {b}"
    if tie.type == "CONTACT_ROLE":
        return f"{a} is {p.get('role') or 'a contact'} on the deal {b}"
    if tie.type == "HAS_OPPORTUNITY":
        return f"{b} is a deal at {a}"
    if tie.type == "PARTNER_OF":
        role = f" ({p['role']})" if p.get("role") else ""
        return f"{a} and {b} are partners{role}"
    if tie.type == "KNOWS":
        since = period_text(tie)
        source = f" (through {p['source']})" if p.get("source") else ""
        return f"{a} knows {b}{since}{source}"
    if tie.type == "REPORTS_TO":
        return f"{a} {'report' if a == 'You' else 'reports'} to {b}"
    return f"{a} and {b} are linked ({tie.type})"


def colleague_texts(graph: nx.Graph, first: str, tie: Tie, viewer: str | None) -> tuple[str, str]:
    """Say the two hops of a COLLEAGUES tie walked from `first`: their seat, then the shared time."""
    t_first, t_second = tie.ties if tie.a == first else tie.ties[::-1]
    second = tie.b if tie.a == first else tie.a
    who1, who2 = name(graph, first, viewer), name(graph, second, viewer)
    where = name(graph, tie.via, viewer)
    if t_first.type == t_second.type == "BOARD_MEMBER":
        start = max((d for d in (t_first.props.get("since"), t_second.props.get("since")) if d), default=None)
        since = f" since {strength.to_datetime(start).year}" if start else ""
        together = f"{who1} and {who2} sit on the board of {where} together{since}"
        if t_first.props.get("until") or t_second.props.get("until"):
            together = f"{who1} and {who2} sat on the board of {where} at the same time"
    elif t_first.type == t_second.type == "EMPLOYS":
        together = f"{who1} and {who2} work together at {where}"
    else:
        together = f"{who1} and {who2} were at {where} at the same time"
    dept = (t_first.props.get("department") or graph.nodes[first].get("department") or "")
    dept2 = (t_second.props.get("department") or graph.nodes[second].get("department") or "")
    if dept and dept.strip().lower() == dept2.strip().lower():
        together += f" (both in {dept})"
    return seat_text(graph, t_first, viewer), together

"""Plain-language texts for the hops of a path: "You met Peter Frei 6 times, last on 2 Oct 2026".

People are named by marks (MARK, element id, MARK) that redaction.finish_paths replaces once it
knows whom the viewer may see; a text that has details identifying a person (a title, a department,
touch counts and dates) carries a `discreet` variant without them, used when that person is hidden.
"""
from __future__ import annotations

import networkx as nx

from graphcrm.access.redaction import MARK
from graphcrm.graph.candidates import TOUCHED, Tie
from graphcrm.graph.ties import period_text
from graphcrm.touchpoints import strength


class Text(str):
    """A hop text with marks for people, and the variant to use when one of them is hidden."""

    discreet: str | None = None


def said(text: str, discreet: str | None = None) -> Text:
    """Return a hop text; `discreet` (when it differs) leaves out what could identify a hidden person."""
    out = Text(text)
    out.discreet = discreet if discreet is not None and discreet != text else None
    return out


def name(graph: nx.Graph, eid: str, viewer: str | None) -> str:
    """Return how a record is called in a sentence; the viewer is "You", a person a mark."""
    data = graph.nodes[eid]
    if viewer and data["kind"] == "user" and data["id"] == viewer:
        return "You"
    if data["kind"] == "person":
        return f"{MARK}{eid}{MARK}"
    return data["name"]


def seat_text(graph: nx.Graph, tie: Tie, viewer: str | None) -> str:
    """Say what one person-account tie is."""
    person, account = (tie.b, tie.a) if tie.type == "EMPLOYS" else (tie.a, tie.b)
    who, where = name(graph, person, viewer), name(graph, account, viewer)
    title = tie.props.get("title")
    as_title = f" as {title}" if title else ""
    if tie.type in ("EMPLOYS", "WORKED_AT"):
        verb = "works" if tie.type == "EMPLOYS" else "worked"
        return said(f"{who} {verb} at {where}{as_title}{period_text(tie)}",
                    f"{who} {verb} at {where}{period_text(tie)}")
    role = tie.props.get("role")
    role_text = f" ({role.replace('_', ' ')})" if role and role != "member" else ""
    verb = "sat" if tie.props.get("until") else "sits"
    return said(f"{who} {verb} on the board of {where}{role_text}{period_text(tie)}",
                f"{who} {verb} on the board of {where}{period_text(tie)}")


def tie_text(graph: nx.Graph, tie: Tie, viewer: str | None) -> str:
    """Say what one real tie is, whichever way the path walks it."""
    a, b = name(graph, tie.a, viewer), name(graph, tie.b, viewer)
    p = tie.props
    if tie.type in ("EMPLOYS", "WORKED_AT", "BOARD_MEMBER"):
        return seat_text(graph, tie, viewer)
    if tie.type == TOUCHED or (tie.type == "OWNS" and tie.touches is not None):
        return said(strength.describe(tie.touches, a, b), _in_touch(tie.touches, a, b))
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
        return said(f"{a} knows {b}{since}{source}", f"{a} knows {b}{since}")
    if tie.type == "REPORTS_TO":
        return f"{a} {'report' if a == 'You' else 'reports'} to {b}"
    return f"{a} and {b} are linked ({tie.type})"


def _in_touch(touches, subject: str, person: str) -> str:
    """Say that there are touchpoints, without counts or dates (which could tell who it is)."""
    if not touches.total:
        return strength.describe(touches, subject, person)
    you = subject == "You"
    text = f"{subject} {'have' if you else 'has'} been in touch with {person}"
    if touches.owns:
        text += f"; {'you' if you else subject} {'own' if you else 'owns'} the contact"
    return text


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
    plain = together
    dept = (t_first.props.get("department") or graph.nodes[first].get("department") or "")
    dept2 = (t_second.props.get("department") or graph.nodes[second].get("department") or "")
    if dept and dept.strip().lower() == dept2.strip().lower():
        together += f" (both in {dept})"
    return seat_text(graph, t_first, viewer), said(together, plain)

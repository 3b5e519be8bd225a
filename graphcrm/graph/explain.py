"""Plain-language texts for the hops of a path: "You met Peter Frei 6 times, last on 2 Oct 2026".

People are named by marks (MARK, element id, MARK) that redaction.finish_paths replaces once it
knows whom the viewer may see; a text that has details identifying a person (a title, a department,
touch counts and dates) carries a `discreet` variant without them, used when that person is hidden.
"""
from __future__ import annotations

import networkx as nx

from graphcrm.access.redaction import MARK
from graphcrm.graph.candidates import TOUCHED, Tie
from graphcrm.graph.ties import with_period
from graphcrm.i18n import _
from graphcrm.model.words import BOARD_ROLE_LABELS, CONTACT_ROLE_LABELS, PARTNER_ROLE_LABELS, role_label
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
    if is_viewer(graph, eid, viewer):
        return _("You")
    if data["kind"] == "person":
        return f"{MARK}{eid}{MARK}"
    return data["name"]


def is_viewer(graph: nx.Graph, eid: str, viewer: str | None) -> bool:
    """True when the record is the viewer's own user (a sentence about it says "You")."""
    data = graph.nodes[eid]
    return bool(viewer) and data["kind"] == "user" and data["id"] == viewer


def seat_text(graph: nx.Graph, tie: Tie, viewer: str | None) -> str:
    """Say what one person-account tie is."""
    person, account = (tie.b, tie.a) if tie.type == "EMPLOYS" else (tie.a, tie.b)
    who, where = name(graph, person, viewer), name(graph, account, viewer)
    title = tie.props.get("title")
    if tie.type in ("EMPLOYS", "WORKED_AT"):
        if tie.type == "EMPLOYS":
            plain = _("%(who)s works at %(where)s", who=who, where=where)
        else:
            plain = _("%(who)s worked at %(where)s", who=who, where=where)
        titled = _("%(text)s as %(title)s", text=plain, title=title) if title else plain
        return said(with_period(titled, tie), with_period(plain, tie))
    role = tie.props.get("role")
    if tie.props.get("until"):
        plain = _("%(who)s sat on the board of %(where)s", who=who, where=where)
    else:
        plain = _("%(who)s sits on the board of %(where)s", who=who, where=where)
    with_role = f"{plain} ({role_label(BOARD_ROLE_LABELS, role)})" if role and role != "member" else plain
    return said(with_period(with_role, tie), with_period(plain, tie))


def tie_text(graph: nx.Graph, tie: Tie, viewer: str | None) -> str:
    """Say what one real tie is, whichever way the path walks it."""
    a, b = name(graph, tie.a, viewer), name(graph, tie.b, viewer)
    you = is_viewer(graph, tie.a, viewer)
    p = tie.props
    if tie.type in ("EMPLOYS", "WORKED_AT", "BOARD_MEMBER"):
        return seat_text(graph, tie, viewer)
    if tie.type == TOUCHED or (tie.type == "OWNS" and tie.touches is not None):
        return said(strength.describe(tie.touches, a, b, you=you), _in_touch(tie.touches, a, b, you))
    if tie.type == "OWNS":
        if graph.nodes[tie.b]["kind"] == "person":
            return (_("You own the contact %(person)s", person=b) if you
                    else _("%(subject)s owns the contact %(person)s", subject=a, person=b))
        return (_("You own the account %(account)s", account=b) if you
                else _("%(subject)s owns the account %(account)s", subject=a, account=b))
    if tie.type == "CONTACT_ROLE":
        if p.get("role"):
            return _("%(person)s is %(role)s on the deal %(deal)s", person=a,
                     role=role_label(CONTACT_ROLE_LABELS, p["role"]), deal=b)
        return _("%(person)s is a contact on the deal %(deal)s", person=a, deal=b)
    if tie.type == "HAS_OPPORTUNITY":
        return _("%(deal)s is a deal at %(account)s", deal=b, account=a)
    if tie.type == "PARTNER_OF":
        text = _("%(a)s and %(b)s are partners", a=a, b=b)
        return f"{text} ({role_label(PARTNER_ROLE_LABELS, p['role'])})" if p.get("role") else text
    if tie.type == "KNOWS":
        knows = with_period(_("%(a)s knows %(b)s", a=a, b=b), tie)
        if p.get("source"):
            return said(_("%(text)s (through %(source)s)", text=knows, source=p["source"]), knows)
        return said(knows)
    if tie.type == "REPORTS_TO":
        return (_("You report to %(manager)s", manager=b) if you
                else _("%(person)s reports to %(manager)s", person=a, manager=b))
    return _("%(a)s and %(b)s are linked (%(type)s)", a=a, b=b, type=tie.type)


def _in_touch(touches, subject: str, person: str, you: bool) -> str:
    """Say that there are touchpoints, without counts or dates (which could tell who it is)."""
    if not touches.total:
        return strength.describe(touches, subject, person, you=you)
    if you:
        text = _("You have been in touch with %(person)s", person=person)
    else:
        text = _("%(subject)s has been in touch with %(person)s", subject=subject, person=person)
    return strength.owns_too(text, subject, you) if touches.owns else text


def colleague_texts(graph: nx.Graph, first: str, tie: Tie, viewer: str | None) -> tuple[str, str]:
    """Say the two hops of a COLLEAGUES tie walked from `first`: their seat, then the shared time."""
    t_first, t_second = tie.ties if tie.a == first else tie.ties[::-1]
    second = tie.b if tie.a == first else tie.a
    names = {"who1": name(graph, first, viewer), "who2": name(graph, second, viewer),
             "where": name(graph, tie.via, viewer)}
    if t_first.type == t_second.type == "BOARD_MEMBER":
        start = max((d for d in (t_first.props.get("since"), t_second.props.get("since")) if d), default=None)
        if t_first.props.get("until") or t_second.props.get("until"):
            together = _("%(who1)s and %(who2)s sat on the board of %(where)s at the same time", **names)
        elif start:
            together = _("%(who1)s and %(who2)s sit on the board of %(where)s together since %(year)s",
                         year=strength.to_datetime(start).year, **names)
        else:
            together = _("%(who1)s and %(who2)s sit on the board of %(where)s together", **names)
    elif t_first.type == t_second.type == "EMPLOYS":
        together = _("%(who1)s and %(who2)s work together at %(where)s", **names)
    else:
        together = _("%(who1)s and %(who2)s were at %(where)s at the same time", **names)
    plain = together
    dept = (t_first.props.get("department") or graph.nodes[first].get("department") or "")
    dept2 = (t_second.props.get("department") or graph.nodes[second].get("department") or "")
    if dept and dept.strip().lower() == dept2.strip().lower():
        together = _("%(text)s (both in %(department)s)", text=together, department=dept)
    return seat_text(graph, t_first, viewer), said(together, plain)

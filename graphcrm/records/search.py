"""Full-text search over people, accounts and opportunities."""
from __future__ import annotations

import re

from graphcrm.access.checks import visibility
from graphcrm.access.policy import Access
from graphcrm.errors import Invalid
from graphcrm.i18n import _
from graphcrm.model.nodes import display_name
from graphcrm.store.db import Database

# Lucene's query syntax characters; user text is matched literally, never parsed as a query.
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
MAX_QUERY = 200
# Hits read from the index when some must be left out as hidden, so the page can still fill.
HIDDEN_SCAN = 100_000


def lucene_query(text: str) -> str:
    """Turn user text into a Lucene query: every word must match, the last one as a prefix.

    Words are lower-cased (the index is, too), so AND, OR, NOT and TO are searched as words, not
    read as operators; every syntax character is escaped.
    """
    words = [_LUCENE_SPECIAL.sub(r"\\\1", w.lower()) for w in text.split()]
    if not words:
        return ""
    return " AND ".join([*words[:-1], f"({words[-1]} OR {words[-1]}*)"])


def search(db: Database, text: str, limit: int = 20, *, access: Access) -> dict:
    """Return `{"items": [...], "next": None, "truncated": bool}` best first, without people the viewer may not see.

    Hits carry no sensitive field, so they need no redaction.
    """
    if not isinstance(text, str) or not text.strip():
        raise Invalid(_("q is required"), {"q": _("is required")})
    if len(text) > MAX_QUERY:
        raise Invalid(_("q must be at most %(max_length)s characters", max_length=MAX_QUERY),
                      {"q": _("at most %(max_length)s characters", max_length=MAX_QUERY)})
    query = lucene_query(text)
    if not query:
        return {"items": [], "next": None, "truncated": False}
    params = visibility(access)
    scan = limit + 1 if params["see_all"] else HIDDEN_SCAN
    rows = db.read("search/fulltext", query=query, limit=limit + 1, scan=scan, **params)
    items = [_label(r["hit"]) for r in rows[:limit]]
    return {"items": items, "next": None, "truncated": len(rows) > limit}


def _label(hit: dict) -> dict:
    hit["label"] = display_name(hit, "") or None
    return {k: v for k, v in hit.items() if v is not None}

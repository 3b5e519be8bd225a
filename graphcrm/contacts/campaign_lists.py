"""Campaigns for the pages: the campaign list, and how many people a member filter would add."""
from __future__ import annotations

from graphcrm.access.policy import Access
from graphcrm.contacts.campaigns import FILTERS, MAX_ADD
from graphcrm.errors import Invalid
from graphcrm.i18n import _
from graphcrm.model import Label
from graphcrm.records.crud import list_records
from graphcrm.store.db import Database

SAMPLE = 10


def campaign_list(db: Database, *, q: str | None = None, status: str | None = None, limit: int = 50,
                  cursor: str | None = None, access: Access) -> dict:
    """One page of campaigns in name order, `{"items", "next"}`."""
    return list_records(db, Label.CAMPAIGN, limit=limit, cursor=cursor, q=q or None, status=status or None,
                        access=access)


def preview_filter(db: Database, spec: dict, *, access: Access) -> dict:
    """Return `{"count", "too_many", "sample"}`: who `campaigns.add_members` would add for this filter.

    The same list query as the add itself, so the number shown is the number added.
    """
    spec = {k: v for k, v in spec.items() if v}
    if not spec or any(k not in FILTERS for k in spec):
        raise Invalid(_("Choose at least one filter: account, owner, status or words"),
                      {"filter": _("choose at least one filter")})
    page = list_records(db, Label.PERSON, limit=MAX_ADD, access=access, **spec)
    return {"count": len(page["items"]), "too_many": page["next"] is not None, "sample": page["items"][:SAMPLE]}

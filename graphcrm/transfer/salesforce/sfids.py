"""Salesforce record ids: 15- and 18-character forms of one record, and what a key prefix names."""
from __future__ import annotations

import functools
import re

from graphcrm.i18n import _

_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
# Upper-case letters become 1, everything else 0: the bits of Salesforce's checksum.
_BITS = str.maketrans({**{c: "1" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
                       **{c: "0" for c in "abcdefghijklmnopqrstuvwxyz0123456789"}})
_ID_RE = re.compile(r"[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?")

# Key prefixes of the objects a polymorphic field (WhoId, WhatId) may name.
PREFIXES = {"001": "Account", "003": "Contact", "005": "User", "006": "Opportunity", "00Q": "Lead",
            "701": "Campaign"}
# Key prefixes of every object a file may hold, to recognise a file saved under a name of the user's
# choosing (Data Loader: "extract.csv"). History objects share 017; AccountPartner and Partner share 00I.
FILE_PREFIXES = {**PREFIXES, "00K": "OpportunityContactRole", "07k": "AccountContactRelation",
                 "00I": "AccountPartner", "00v": "CampaignMember", "00T": "Task", "00U": "Event",
                 "01J": "OpportunityStage", "01Y": "CampaignMemberStatus", "0RE": "EventRelation",
                 "0RT": "TaskRelation"}


def _suffix(id15: str) -> str:
    bits = id15.translate(_BITS)
    # Each group of five characters is read right to left as a 5-bit number.
    return (_SUFFIX[int(bits[4::-1], 2)] + _SUFFIX[int(bits[9:4:-1], 2)]
            + _SUFFIX[int(bits[14:9:-1], 2)])


def normalize(value: str) -> str:
    """Return the 18-character form of a 15- or 18-character id; raise ValueError for anything else.

    The first 15 characters are case-sensitive and name the record; the last three are a checksum of
    their case, so an 18-character id whose checksum does not match is refused.
    """
    if not _ID_RE.fullmatch(value):
        raise ValueError(_("%(value)r is not a Salesforce id (15 or 18 letters and digits)", value=value[:40]))
    head = value[:15]
    suffix = _suffix(head)
    if len(value) == 18 and value[15:].upper() != suffix:
        raise ValueError(_("%(value)r is not a Salesforce id (its last three characters do not match)", value=value))
    return head + suffix


# References repeat (owners, accounts, contacts); a bounded cache saves recomputing their checksums.
to18 = functools.lru_cache(maxsize=1 << 16)(normalize)


def object_of(sf_id: str) -> str | None:
    """Return the object a key prefix names (Account, Contact, Lead, ...), or None."""
    return PREFIXES.get(sf_id[:3])

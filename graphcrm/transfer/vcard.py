"""A person as a vCard 4.0 (RFC 6350), with only the fields the viewer may see."""
from __future__ import annotations

import datetime as dt
from typing import Any

from graphcrm.access.policy import Access
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.store.db import Database
from graphcrm.store.values import flat, lat_lon, native


def _escape(text: Any) -> str:
    """Escape a text value: backslash, comma, semicolon and newlines (RFC 6350 3.4)."""
    return (str(text).replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 6350 3.2)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def person_vcard(person: dict, org: dict | None = None) -> str:
    """Return a vCard 4.0 of a person (already filtered to what the viewer may see)."""
    p = {k: v for k, v in person.items() if v not in (None, "", [])}
    full = " ".join(_escape(p[k]) for k in ("first_name", "last_name") if k in p) or _escape(p.get("email", "?"))
    lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:individual", f"FN:{full}",
             "N:" + ";".join(_escape(p.get(k, "")) for k in ("last_name", "first_name")) + ";;"
             + _escape(p.get("salutation", "")) + ";"]
    if org and org.get("name"):
        department = ";" + _escape(org["department"]) if org.get("department") else ""
        lines.append("ORG:" + _escape(org["name"]) + department)
    for key, prop in (("title", "TITLE"), ("language", "LANG")):
        if key in p:
            lines.append(f"{prop}:{_escape(p[key])}")
    if "email" in p:
        lines.append(f"EMAIL;TYPE=work:{_escape(p['email'])}")
    for key, kinds in (("phone", "work,voice"), ("mobile", "cell,voice")):
        if key in p:
            number = "".join(c for c in str(p[key]) if c in "+0123456789")
            lines.append(f'TEL;VALUE=uri;TYPE="{kinds}":tel:{number}')
    if any(k in p for k in ("street", "city", "postal_code", "country")):
        lines.append("ADR;TYPE=work:;;" + ";".join(_escape(p.get(k, "")) for k in
                                                   ("street", "city", "region", "postal_code", "country")))
    location = p.get("location")
    if lat_lon(location):
        lines.append("GEO:geo:{},{}".format(*lat_lon(location)))
    if "birthdate" in p:
        lines.append("BDAY:" + flat(p["birthdate"]).replace("-", ""))
    for key in ("social_linkedin", "social_xing", "social_x"):
        if key in p:
            lines.append(f"URL;TYPE=social:{_escape(p[key])}")
    if "id" in p:
        lines.append(f"UID:urn:uuid:{p['id']}")
    updated = p.get("updated_at")
    updated = native(updated)
    if isinstance(updated, dt.datetime):
        lines.append("REV:" + updated.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def person_card(db: Database, person_id: str, *, access: Access) -> tuple[str, str]:
    """Return a vCard of a person with only the fields the viewer may see, and a file name for it."""
    person = records.get(db, Label.PERSON, person_id, access=access)  # 404 when hidden, fields redacted
    org = db.read_one("export/person_org", id=person_id)
    name = "_".join(str(person[k]) for k in ("last_name", "first_name") if person.get(k)) or "contact"
    return person_vcard(person, org), f"{name}.vcf"

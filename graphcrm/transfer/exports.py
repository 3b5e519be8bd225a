"""Exports: the JSON backup and GraphML/GEXF of the graph (both streamed), CSV downloads, vCards.

GraphML of an explorer view is graph_export.graphml (the explorer's own module)."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import time as nt
from neo4j.spatial import Point

from graphcrm.store.db import Database
from graphcrm.errors import Invalid
from graphcrm.transfer.backup import FORMAT, VERSION, encode_tagged

FETCH = 2000  # records the driver pulls per round trip while streaming
# Never in a file for Gephi or a spreadsheet: secrets and internal bookkeeping.
HIDDEN_PROPS = frozenset({"password_hash", "hash", "sort_key", "_lock"})
HIDDEN_LABELS = frozenset({"ApiToken"})


def _stream(db: Database, work: Callable[[Callable[[str], Any]], Any]) -> Any:
    """Run `work(run)` over one consistent snapshot, fetched in pages (Database.stream)."""
    return db.stream(work, FETCH)


def export_json(db: Database, path: Path | str) -> dict[str, int]:
    """Write the lossless backup (JSON Lines, typed values) while reading; return the counts."""
    path = Path(path)
    # A backup holds password and token hashes: readable by its owner only.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        def work(run):
            out.seek(0)
            out.truncate()
            counts = {"nodes": 0, "relationships": 0}
            head = {"format": FORMAT, "version": VERSION,
                    "exported_at": dt.datetime.now(dt.UTC).isoformat(), "database": db.database}
            out.write(json.dumps(head) + "\n")
            for rec in run("export/nodes"):
                props = {k: encode_tagged(tag, v) for k, tag, v in rec["props"]}
                out.write(json.dumps({"n": rec["key"], "labels": rec["labels"], "props": props},
                                     ensure_ascii=False) + "\n")
                counts["nodes"] += 1
            for rec in run("export/relationships"):
                props = {k: encode_tagged(tag, v) for k, tag, v in rec["props"]}
                out.write(json.dumps({"from": rec["from"], "to": rec["to"], "type": rec["type"],
                                      "props": props}, ensure_ascii=False) + "\n")
                counts["relationships"] += 1
            out.write(json.dumps({"end": True, **counts}) + "\n")
            return counts

        return _stream(db, work)


def flat(value: Any) -> Any:
    """Return a value GraphML/GEXF/CSV can hold: str, int, float or bool (lists joined with '; ')."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return "; ".join("" if v is None else str(flat(v)) for v in value)
    if isinstance(value, (nt.DateTime, nt.Date, nt.Time)):
        return value.iso_format()
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, nt.Duration):
        return value.iso_format()
    if isinstance(value, Point):
        return ",".join(str(c) for c in value)
    return str(value)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: Any) -> Any:
    """Replace characters XML 1.0 cannot carry (control characters), so the file stays well-formed."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def attrs(props: dict) -> dict:
    """Return the properties as flat attributes for GraphML/GEXF: no secrets, points as lon and lat."""
    out = {}
    for key, value in props.items():
        if key in HIDDEN_PROPS or value is None:
            continue
        if isinstance(value, Point) and value.srid in (4326, 4979):
            # Two numbers Gephi's geo layouts can use, rather than one "lon,lat" string.
            out[f"{key}_lon"], out[f"{key}_lat"] = value[0], value[1]
            continue
        out[key] = xml_text(flat(value))
    return out


def display_name(labels: list[str], props: dict) -> str:
    """Return what a node is called on screen: name, person name, subject or field."""
    if props.get("name"):
        return str(props["name"])
    person = " ".join(str(props[k]) for k in ("first_name", "last_name") if props.get(k))
    return person or str(props.get("subject") or props.get("field") or props.get("key") or
                         (labels[0] if labels else "node"))


def export_graph(db: Database, fmt: str, path: Path | str) -> dict[str, int]:
    """Write the graph as GraphML or GEXF while reading it (graph_files.py); return the counts."""
    from graphcrm.transfer import graph_files

    writers = {"graphml": graph_files.write_graphml, "gexf": graph_files.write_gexf}
    if fmt not in writers:
        raise Invalid(f"unknown graph format {fmt!r}", {"format": "must be graphml, gexf or json"})
    with open(path, "w", encoding="utf-8") as out:
        def work(run):
            out.seek(0)
            out.truncate()
            return writers[fmt](run, out)

        return _stream(db, work)


# -- CSV for list and report pages ---------------------------------------------------------------
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """Return one cell's text; text a spreadsheet would run as a formula is prefixed with '."""
    value = flat(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_response(rows, columns, filename: str):
    """Stream rows (dicts) as a CSV download; columns are keys or (key, header) pairs."""
    import csv

    from flask import Response, stream_with_context

    cols = [(c, c) if isinstance(c, str) else tuple(c) for c in columns]

    def generate():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        buffer.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        writer.writerow([csv_cell(header) for _key, header in cols])
        for row in rows:
            writer.writerow([csv_cell(row.get(key)) for key, _header in cols])
            if buffer.tell() > 65536:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return Response(stream_with_context(generate()), mimetype="text/csv",
                    headers={"Content-Disposition": content_disposition(filename)})


def content_disposition(filename: str) -> str:
    """Return a Content-Disposition header that downloads under `filename` (RFC 6266, UTF-8 safe)."""
    from urllib.parse import quote

    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in filename) or "export"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


# -- vCard 4.0 (RFC 6350) ------------------------------------------------------------------------
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
        lines.append("ORG:" + _escape(org["name"]) + (";" + _escape(org["department"]) if org.get("department") else ""))
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
    if isinstance(location, Point) and location.srid in (4326, 4979):
        lines.append(f"GEO:geo:{location[1]},{location[0]}")
    if "birthdate" in p:
        lines.append("BDAY:" + flat(p["birthdate"]).replace("-", ""))
    for key in ("social_linkedin", "social_xing", "social_x"):
        if key in p:
            lines.append(f"URL;TYPE=social:{_escape(p[key])}")
    if "id" in p:
        lines.append(f"UID:urn:uuid:{p['id']}")
    updated = p.get("updated_at")
    updated = updated.to_native() if isinstance(updated, nt.DateTime) else updated
    if isinstance(updated, dt.datetime):
        lines.append("REV:" + updated.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)

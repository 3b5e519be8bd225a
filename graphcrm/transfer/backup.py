"""The lossless JSON backup: a typed encoding of Neo4j values, and `graphcrm import json PATH`.

The file is JSON Lines: a header, one line per node, one per relationship, and an end line with the
counts (so a cut-off file is refused). Values keep their Neo4j type through tags such as
{"$date": "2026-03-01"}; plain JSON covers strings, booleans, integers, floats and lists.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphcrm.errors import Conflict, Invalid
from graphcrm.i18n import _
from graphcrm.store.codec import DATETIME_TEXT_RE, OFFSET_RE, decode, encode_tagged, known_zone, nanos
from graphcrm.store.db import Database

FORMAT, VERSION = "graphcrm-backup", 1
RESTORE_LABEL = "GraphcrmRestore"
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
BATCH = 5000
FETCH = 2000  # records the driver pulls per round trip while exporting


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

        return db.stream(work, FETCH)


def wire(raw: Any) -> tuple[dict, list]:
    """Split encoded properties into driver values and datetimes kept as text for Cypher to parse.

    Every value is decoded, so a bad one is found before anything is written; datetimes still travel
    as text, which the driver sends far faster than its datetime objects.
    """
    if not isinstance(raw, dict):
        raise TypeError(_("props must be an object"))
    props, moments = {}, []
    for key, value in raw.items():
        first = value[0] if isinstance(value, list) and value else value
        tag = next(iter(first), None) if isinstance(first, dict) else None
        if tag in ("$datetime", "$localdatetime"):
            items = value if isinstance(value, list) else [value]
            texts = [_checked_datetime(tag, v) for v in items]
            moments.append([key, tag[1:] + ("s" if isinstance(value, list) else ""),
                            texts if isinstance(value, list) else texts[0]])
        else:
            props[key] = decode(value)
    return props, moments


def _checked_datetime(tag: str, value: Any) -> str:
    """Check datetime text the fast way (stdlib parser, known zone) and return it for Cypher."""
    text = value.get(tag) if isinstance(value, dict) and len(value) == 1 else None
    match = DATETIME_TEXT_RE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(_("%(value)s is not a %(type)s", value=str(value)[:60], type=tag[1:]))
    iso, zone = match.group(1), match.group(2)
    # Microseconds are enough to check the text; Cypher parses the nanoseconds itself.
    parsed = dt.datetime.fromisoformat(re.sub(r"(\.\d{6})\d+", r"\1", nanos(iso.replace("Z", "+00:00"))))
    if (parsed.tzinfo is None) != (tag == "$localdatetime") or (zone and tag == "$localdatetime"):
        raise ValueError(_("%(value)r is not a %(type)s", value=text[:60], type=tag[1:]))
    if zone and not OFFSET_RE.match(zone):
        known_zone(zone)
    return text


def _names(values: Any, what: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) and NAME_RE.match(v) for v in values):
        raise ValueError(_("%(what)s must be a list of plain names", what=what))
    if RESTORE_LABEL in values:
        raise ValueError(_("%(what)s may not use %(label)s", what=what, label=RESTORE_LABEL))
    return values


def read_backup(path: Path) -> Iterator[tuple[int, str, dict]]:
    """Yield (line, "node"|"rel", row) from a backup, checked line by line; raise Invalid naming the line."""
    name = path.name
    if not path.is_file():
        raise Invalid(_("%(path)s: no such file", path=path), {"path": _("no such file")})
    nodes = rels = 0
    ended = False
    with path.open("r", encoding="utf-8") as fh:
        for number, text in enumerate(fh, start=1):
            try:
                item = json.loads(text)
                if number == 1:
                    if not isinstance(item, dict) or item.get("format") != FORMAT:
                        raise ValueError(_("not a graphcrm backup (the first line must name format %(format)s)",
                                           format=FORMAT))
                    if item.get("version") != VERSION:
                        raise ValueError(_("backup version %(found)s is not %(version)s", found=item.get("version"),
                                           version=VERSION))
                    continue
                if ended:
                    raise ValueError(_("data after the end line"))
                if "end" in item:
                    if item.get("nodes") != nodes or item.get("relationships") != rels:
                        raise ValueError(_("the end line counts %(nodes)s nodes and %(relationships)s relationships; "
                                           "the file has %(found_nodes)s and %(found_relationships)s",
                                           nodes=item.get("nodes"), relationships=item.get("relationships"),
                                           found_nodes=nodes, found_relationships=rels))
                    ended = True
                    continue
                props, moments = wire(item["props"])
                if "n" in item:
                    if rels:
                        raise ValueError(_("a node after the relationships"))
                    nodes += 1
                    yield number, "node", {"key": str(item["n"]), "labels": _names(item["labels"], "labels"),
                                           "props": props, "moments": moments}
                else:
                    rels += 1
                    yield number, "rel", {"from": str(item["from"]), "to": str(item["to"]),
                                          "type": _names([item["type"]], "type")[0], "props": props,
                                          "moments": moments}
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                detail = _("missing %(key)s", key=exc) if isinstance(exc, KeyError) else str(exc)
                raise Invalid(_("%(name)s line %(number)s: %(detail)s", name=name, number=number, detail=detail),
                              {"path": _("line %(number)s", number=number)}) from None
    if not ended:
        raise Invalid(_("%(name)s: the file ends before its end line (cut off?)", name=name),
                      {"path": _("incomplete")})


def import_json(db: Database, path: Path | str) -> dict[str, int]:
    """Recreate a backed-up graph in an empty database; the file is checked whole before anything is written."""
    path = Path(path)
    if db.read_one("import/restore_any")["any"]:
        raise Conflict(_("The database is not empty; a backup is imported only into an empty database "
                         "(graphcrm db reset --yes empties it)."))
    for _checked in read_backup(path):
        pass
    db.write("import/restore_index")
    db.write("admin/await_indexes")
    counts = {"nodes": 0, "relationships": 0}
    batch: list[dict] = []
    kind = "node"
    for _line, what, row in read_backup(path):
        if what != kind or len(batch) >= BATCH:
            _flush(db, kind, batch, counts)
            kind = what
        batch.append(row)
    _flush(db, kind, batch, counts)
    db.autocommit("import/restore_unmark")  # in batches, which needs an auto-commit transaction
    db.write("import/restore_drop_index")
    return counts


def _flush(db: Database, kind: str, batch: list[dict], counts: dict[str, int]) -> None:
    if not batch:
        return
    if kind == "node":
        db.write("import/restore_nodes", rows=batch)
        counts["nodes"] += len(batch)
    else:
        created = db.write_one("import/restore_relationships", rows=batch)["created"]
        if created != len(batch):
            raise Invalid(_("%(count)s relationship(s) name a node that is not in the backup",
                            count=len(batch) - created), {"path": _("dangling relationship")})
        counts["relationships"] += len(batch)
    batch.clear()

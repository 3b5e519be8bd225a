"""The lossless JSON backup: a typed encoding of Neo4j values, and `graphcrm import json PATH`.

The file is JSON Lines: a header, one line per node, one per relationship, and an end line with the
counts (so a cut-off file is refused). Values keep their Neo4j type through tags such as
{"$date": "2026-03-01"}; plain JSON covers strings, booleans, integers, floats and lists.
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from neo4j import time as nt
from neo4j.spatial import CartesianPoint, Point, WGS84Point

from graphcrm.store.db import Database
from graphcrm.errors import Conflict, Invalid

FORMAT, VERSION = "graphcrm-backup", 1
RESTORE_LABEL = "GraphcrmRestore"
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
OFFSET_RE = re.compile(r"^(Z|[+-]\d{2}:?\d{2}(:?\d{2})?)$")
DATETIME_TEXT_RE = re.compile(r"([^\[\]]+?)(?:\[([^\[\]]+)\])?")
BATCH = 5000

try:  # the driver hands out pytz zones when pytz is installed; zoneinfo otherwise
    import pytz

    def _zone(name: str):
        return pytz.timezone(name)
except ImportError:  # pragma: no cover
    from zoneinfo import ZoneInfo as _zone


def encode(value: Any) -> Any:
    """Return a JSON-ready form of a property value that `decode` turns back into the same type.

    Datetimes are written as Cypher's own text of them (see cypher/export/nodes.cypher); a driver
    DateTime given here is written the same way, with its zone name in brackets when it has one.
    """
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value)}
    # Points and durations are tuples too, so they are told apart before lists.
    if isinstance(value, Point):
        return {"$point": {"srid": value.srid, "coords": list(value)}}
    if isinstance(value, nt.Duration):
        return {"$duration": [value.months, value.days, value.seconds, value.nanoseconds]}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, nt.DateTime):
        if value.tzinfo is None:
            return {"$localdatetime": value.iso_format()}
        zone = getattr(value.tzinfo, "zone", None) or getattr(value.tzinfo, "key", None)
        return {"$datetime": value.iso_format() + (f"[{zone}]" if zone else "")}
    if isinstance(value, nt.Date):
        return {"$date": value.iso_format()}
    if isinstance(value, nt.Time):
        return {"$time" if value.tzinfo is not None else "$localtime": value.iso_format()}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


def encode_tagged(tag: str | None, value: Any) -> Any:
    """Encode one [key, tag, value] of the export queries: datetimes arrive as Cypher text already."""
    if tag == "datetime":
        return {"$datetime": value}
    if tag == "localdatetime":
        return {"$localdatetime": value}
    if tag == "datetimes":
        return [{"$datetime": v} for v in value]
    if tag == "localdatetimes":
        return [{"$localdatetime": v} for v in value]
    return encode(value)


def _parse_datetime(text: str) -> nt.DateTime:
    """Parse Cypher's datetime text: an ISO 8601 time with offset or Z, and maybe [Zone/Name]."""
    match = DATETIME_TEXT_RE.fullmatch(text)
    if match is None:
        raise ValueError(f"{text[:60]!r} is not a datetime")
    iso, zone = match.group(1), match.group(2)
    if iso.endswith("Z"):
        iso, zone = iso[:-1] + "+00:00", zone or "Z"
    return _with_zone(nt.DateTime.from_iso_format(_nanos(iso)), zone)


def _with_zone(parsed: nt.DateTime, zone: str | None) -> nt.DateTime:
    """Give a datetime parsed with its offset the zone it had: a named zone, or the fixed offset."""
    if zone and not OFFSET_RE.match(zone):
        return parsed.astimezone(_known_zone(zone))
    return parsed.astimezone(dt.timezone(parsed.utcoffset()))


def _nanos(iso: str) -> str:
    """Pad a fraction of seconds to nine digits and add missing seconds (Cypher writes 09:30Z)."""
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?(\.\d+)?(.*)", iso)
    if match is None:
        raise ValueError(f"{iso[:60]!r} is not an ISO 8601 time")
    head, seconds, fraction, rest = match.groups()
    return f"{head}{seconds or ':00'}.{(fraction or '.')[1:].ljust(9, '0')}{rest}"


def decode(value: Any) -> Any:
    """Return the Neo4j value of an encoded one; raise ValueError for anything `encode` never writes."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict) or not value:
        raise ValueError(f"unexpected value {str(value)[:60]}")
    tag = next(iter(value))
    body = value[tag]
    if tag == "$datetime":
        return _parse_datetime(body)
    if tag == "$localdatetime":
        return nt.DateTime.from_iso_format(_nanos(body))
    if tag == "$date":
        return nt.Date.from_iso_format(body)
    if tag in ("$time", "$localtime"):
        return nt.Time.from_iso_format(body)
    if tag == "$duration":
        months, days, seconds, nanos = body
        return nt.Duration(months=months, days=days, seconds=seconds, nanoseconds=nanos)
    if tag == "$point":
        srid, coords = body["srid"], body["coords"]
        return (WGS84Point if srid in (4326, 4979) else CartesianPoint)(coords)
    if tag == "$float":
        return float(body)
    if tag == "$bytes":
        return bytearray(base64.b64decode(body))
    raise ValueError(f"unknown tag {tag}")


def wire(raw: Any) -> tuple[dict, list]:
    """Split encoded properties into driver values and datetimes kept as text for Cypher to parse.

    Every value is decoded, so a bad one is found before anything is written; datetimes still travel
    as text, which the driver sends far faster than its datetime objects.
    """
    if not isinstance(raw, dict):
        raise TypeError("props must be an object")
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
        raise ValueError(f"{str(value)[:60]} is not a {tag[1:]}")
    iso, zone = match.group(1), match.group(2)
    # Microseconds are enough to check the text; Cypher parses the nanoseconds itself.
    parsed = dt.datetime.fromisoformat(re.sub(r"(\.\d{6})\d+", r"\1", _nanos(iso.replace("Z", "+00:00"))))
    if (parsed.tzinfo is None) != (tag == "$localdatetime") or (zone and tag == "$localdatetime"):
        raise ValueError(f"{text[:60]!r} is not a {tag[1:]}")
    if zone and not OFFSET_RE.match(zone):
        _known_zone(zone)
    return text


@functools.lru_cache(maxsize=512)
def _known_zone(name: str):
    try:
        return _zone(name)
    except LookupError:
        raise ValueError(f"unknown time zone {name!r}") from None


def _names(values: Any, what: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) and NAME_RE.match(v) for v in values):
        raise ValueError(f"{what} must be a list of plain names")
    if RESTORE_LABEL in values:
        raise ValueError(f"{what} may not use {RESTORE_LABEL}")
    return values


def read_backup(path: Path) -> Iterator[tuple[int, str, dict]]:
    """Yield (line, "node"|"rel", row) from a backup, checked line by line; raise Invalid naming the line."""
    name = path.name
    if not path.is_file():
        raise Invalid(f"{path}: no such file", {"path": "no such file"})
    nodes = rels = 0
    ended = False
    with path.open("r", encoding="utf-8") as fh:
        for number, text in enumerate(fh, start=1):
            try:
                item = json.loads(text)
                if number == 1:
                    if not isinstance(item, dict) or item.get("format") != FORMAT:
                        raise ValueError(f"not a graphcrm backup (the first line must name format {FORMAT})")
                    if item.get("version") != VERSION:
                        raise ValueError(f"backup version {item.get('version')} is not {VERSION}")
                    continue
                if ended:
                    raise ValueError("data after the end line")
                if "end" in item:
                    if item.get("nodes") != nodes or item.get("relationships") != rels:
                        raise ValueError(f"the end line counts {item.get('nodes')} nodes and "
                                         f"{item.get('relationships')} relationships; the file has {nodes} and {rels}")
                    ended = True
                    continue
                props, moments = wire(item["props"])
                if "n" in item:
                    if rels:
                        raise ValueError("a node after the relationships")
                    nodes += 1
                    yield number, "node", {"key": str(item["n"]), "labels": _names(item["labels"], "labels"),
                                           "props": props, "moments": moments}
                else:
                    rels += 1
                    yield number, "rel", {"from": str(item["from"]), "to": str(item["to"]),
                                          "type": _names([item["type"]], "type")[0], "props": props,
                                          "moments": moments}
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                detail = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
                raise Invalid(f"{name} line {number}: {detail}", {"path": f"line {number}"}) from None
    if not ended:
        raise Invalid(f"{name}: the file ends before its end line (cut off?)", {"path": "incomplete"})


def import_json(db: Database, path: Path | str) -> dict[str, int]:
    """Recreate a backed-up graph in an empty database; the file is checked whole before anything is written."""
    path = Path(path)
    if db.read_one("import/restore_any")["any"]:
        raise Conflict("The database is not empty; a backup is imported only into an empty database "
                       "(graphcrm db reset --yes empties it).")
    for _ in read_backup(path):
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
            raise Invalid(f"{len(batch) - created} relationship(s) name a node that is not in the backup",
                          {"path": "dangling relationship"})
        counts["relationships"] += len(batch)
    batch.clear()

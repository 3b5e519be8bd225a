"""Validation before anything is written: ids, values, duplicates and references, row by row.

Files are streamed; what stays in memory is the ids of records others refer to, hashes of the other
ids (8 bytes each) and the rejected ids. Valid rows go, already mapped, to a spool file on disk.
"""
from __future__ import annotations

import pickle
import tempfile
import time
from array import array
from collections.abc import Callable, Iterator

import numpy as np

from graphcrm.i18n import _
from graphcrm.store.db import Database
from graphcrm.transfer.salesforce.csvfiles import CsvFile
from graphcrm.transfer.salesforce.mapping import Mapping
from graphcrm.transfer.salesforce.mapping import apply as apply_mapping
from graphcrm.transfer.salesforce.report import Report
from graphcrm.transfer.salesforce.sfids import normalize, to18
from graphcrm.transfer.salesforce.spec import Context, Converted, ObjectSpec
from graphcrm.transfer.salesforce.values import RowError

CHUNK = 2000  # rows checked against the database at once


class Spool:
    """Mapped rows on disk, in chunks of (lines, params), read back batch by batch."""

    def __init__(self, batch: int):
        self.batch, self.count = batch, 0
        self._file = tempfile.TemporaryFile()
        self._lines: list[int] = []
        self._rows: list[dict] = []

    def add(self, line: int, params: dict) -> None:
        """Append one row."""
        self._lines.append(line)
        self._rows.append(params)
        self.count += 1
        if len(self._rows) >= self.batch:
            self._dump()

    def _dump(self) -> None:
        if self._rows:
            pickle.dump((self._lines, self._rows), self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._lines, self._rows = [], []

    def chunks(self) -> Iterator[tuple[list[int], list[dict]]]:
        """Yield every chunk in order."""
        self._dump()
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)
            except EOFError:
                return

    def close(self) -> None:
        """Remove the spool file."""
        self._file.close()


def collect_ids(csv: CsvFile) -> tuple[set[str], set[str]]:
    """First pass over a file others refer to: its valid ids and those that appear more than once."""
    seen: set[str] = set()
    twice: set[str] = set()
    for _line, row in csv.rows(("id",)):
        try:
            sf_id = normalize(row.get("id", ""))
        except ValueError:
            continue  # reported by the second pass
        if sf_id in seen:
            twice.add(sf_id)
        seen.add(sf_id)
    return seen, twice


class Validator:
    """Second pass: map every row, check its references, spool the valid ones and report the rest."""

    def __init__(self, db: Database | None, report: Report, ctx: Context,
                 ids: dict[str, set[str]], labels: dict[str, object], mapping: Mapping | None = None):
        self.db, self.report, self.ctx = db, report, ctx
        self.mapping = mapping or {}
        self.ids = ids  # object -> ids in its file
        self.labels = labels  # object -> Label, for the database lookup
        self.rejected: dict[str, dict[str, int]] = {obj: {} for obj in ids}  # object -> id -> line
        self.in_db: dict[str, set[str]] = {obj: set() for obj in ids}
        ctx.exists = self.exists

    def exists(self, obj: str, sf_id: str) -> bool:
        """True when a record is in this export's file of its object or in the database (asked once)."""
        if sf_id in self.ids.get(obj, ()) or sf_id in self.in_db[obj]:
            return sf_id not in self.rejected[obj]
        if self.db is not None and self.db.read("import/existing_ids", {"label": self.labels[obj]}, ids=[sf_id]):
            self.in_db[obj].add(sf_id)
            return True
        return False

    def run(self, spec: ObjectSpec, csv: CsvFile, twice: set[str],
            on_read: Callable[[int], None] | None = None) -> Spool:
        """Validate one file and return the spool of its valid rows."""
        started = time.perf_counter()
        stats = self.report.stats(spec.name, csv.name)
        stats.encoding = csv.encoding_name
        spool = Spool(spec.batch)
        hashes = array("q")
        first: dict[str, int] = {}
        pending: list[tuple[int, Converted]] = []
        self.ctx.headers, self.ctx.file = csv.original, csv.name
        # Objects that keep their custom fields read every column; the others only what they map.
        mapped = self.mapping.get(spec.name)
        for line, row in csv.rows(None if spec.custom else spec.columns, on_read):
            stats.rows += 1
            if mapped:
                apply_mapping(row, mapped)
            self.ctx.where = (csv.name, line)
            try:
                if not row.get("id"):
                    raise RowError("Id: " + _("missing"))
                conv = spec.convert(row, self.ctx)
            except RowError as exc:
                self._reject(spec, csv.name, line, csv.column(exc.reason), row.get("id"))
                continue
            if conv.skip:
                stats.skipped[conv.skip] += 1
                continue
            sf_id = conv.params["sf_id"]
            if sf_id in twice:
                if sf_id in first:
                    self.report.reject(csv.name, line, "Id: " + _("duplicate %(id)s (first at line %(line)s)",
                                                                  id=sf_id, line=first[sf_id]))
                    continue
                first[sf_id] = line
            if spec.label is None:
                hashes.append(hash(sf_id))
            pending.append((line, conv))
            if len(pending) >= CHUNK:
                self._flush(spec, csv, pending, spool)
        self._flush(spec, csv, pending, spool)
        if spec.label is None:
            spool = self._drop_duplicates(csv.name, spool, hashes)
        stats.valid = spool.count
        stats.check_seconds = time.perf_counter() - started
        return spool

    def _reject(self, spec: ObjectSpec, file: str, line: int, reason: str, raw_id: str | None) -> None:
        self.report.reject(file, line, reason)
        if spec.label is not None and raw_id:
            try:
                self.rejected[spec.name].setdefault(to18(raw_id), line)
            except ValueError:
                pass

    def _flush(self, spec: ObjectSpec, csv: CsvFile, pending: list[tuple[int, Converted]], spool: Spool) -> None:
        """Check a chunk's references (the database answers for ids in no file) and spool the good rows."""
        if not pending:
            return
        unknown: dict[str, set[str]] = {}
        for _line, conv in pending:
            for _col, obj, target in conv.refs:
                if target not in self.ids.get(obj, ()) and target not in self.in_db[obj]:
                    unknown.setdefault(obj, set()).add(target)
        if self.db is not None:
            for obj, targets in unknown.items():
                found = self.db.read("import/existing_ids", {"label": self.labels[obj]}, ids=sorted(targets))
                self.in_db[obj].update(r["id"] for r in found)
        conflicts = {}
        if spec.check and self.db is not None:
            rows = [c.params for _l, c in pending]
            conflicts = {r["sf_id"]: r["reason"] for r in self.db.read(spec.check, rows=rows)}
        for line, conv in pending:
            reason = conflicts.get(conv.params["sf_id"]) or self._bad_reference(conv)
            if reason:
                self._reject(spec, csv.name, line, csv.column(reason), conv.params["sf_id"])
                continue
            for warning in conv.warnings:
                self.report.warn(csv.name, line, csv.column(warning))
            spool.add(line, conv.params)
        pending.clear()

    def _bad_reference(self, conv: Converted) -> str | None:
        for column, obj, target in conv.refs:
            gone = self.rejected[obj].get(target)
            if gone is not None:
                return f"{column}: " + _("%(id)s names %(object)s rejected at line %(line)s of its file", id=target,
                                         object=_a(obj), line=gone)
            if target not in self.ids.get(obj, ()) and target not in self.in_db[obj]:
                return f"{column}: " + _("%(id)s is %(object)s in no file of this export and not in the database",
                                         id=target, object=_a(obj))
        return None

    def _drop_duplicates(self, file: str, spool: Spool, hashes: array) -> Spool:
        """Reject repeated ids of objects nobody refers to, found by sorting 8-byte hashes."""
        values = np.frombuffer(hashes, dtype=np.int64) if len(hashes) else np.empty(0, np.int64)
        values.sort()  # in place, in the array's own buffer: a copy would double the peak of a large file
        repeated = set(values[1:][values[1:] == values[:-1]].tolist())
        if not repeated:
            return spool
        kept = Spool(spool.batch)
        first: dict[str, int] = {}
        for lines, rows in spool.chunks():
            for line, params in zip(lines, rows):
                sf_id = params["sf_id"]
                if hash(sf_id) in repeated:
                    if sf_id in first:
                        self.report.reject(file, line, "Id: " + _("duplicate %(id)s (first at line %(line)s)",
                                                                  id=sf_id, line=first[sf_id]))
                        continue
                    first[sf_id] = line
                kept.add(line, params)
        spool.close()
        return kept


def _a(noun: str) -> str:
    """ "an Account", "a Contact": a record of a Salesforce object (its API name)."""
    return _("an %(object)s", object=noun) if noun[0] in "AEIOU" else _("a %(object)s", object=noun)

"""Reading Salesforce export CSVs: encoding detection, case-insensitive headers, streamed rows with lines."""
from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

from graphcrm.i18n import _
from graphcrm.transfer.salesforce.sfids import FILE_PREFIXES

CHUNK = 1 << 20
# Encodings in the order they are tried: a file that decodes as strict UTF-8 is UTF-8; Data Export's
# other encoding is ISO-8859-1/Windows-1252, and Latin-1 decodes every byte as a last resort.
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


class FileProblem(Exception):
    """A file that cannot be read as a Salesforce CSV: names the file and, where known, the line."""

    def __init__(self, file: str, line: int | None, reason: str):
        where = _("%(file)s line %(line)s", file=file, line=line) if line else file
        super().__init__(f"{where}: {reason}")
        self.file, self.line, self.reason = file, line, reason


def detect_encoding(path: Path) -> str:
    """Return the encoding a file decodes with (streamed; the file is never read whole)."""
    if path.stat().st_size == 0:
        raise FileProblem(path.name, None, _("the file is empty"))
    for encoding in ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        try:
            with path.open("rb") as fh:
                first = True
                while chunk := fh.read(CHUNK):
                    if first and b"\x00" in chunk[:8192]:
                        raise FileProblem(path.name, None, _("is not a CSV file (it holds binary data)"))
                    first = False
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")


class _Counting(io.RawIOBase):
    """A raw file that counts the bytes read, so progress bars can follow a text stream."""

    def __init__(self, raw, on_read: Callable[[int], None] | None):
        self._raw, self._on_read = raw, on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._raw.readinto(buffer)
        if n and self._on_read:
            self._on_read(n)
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


class CsvFile:
    """One export file: its encoding, its lower-cased headers, and its rows as (line, {column: value})."""

    def __init__(self, path: Path):
        self.path, self.name = path, path.name
        self.encoding = detect_encoding(path)
        with path.open("rb") as fh:
            bom = fh.read(3) == codecs.BOM_UTF8
        self.encoding_name = {"utf-8-sig": _("UTF-8 with BOM") if bom else "UTF-8",
                              "cp1252": "Windows-1252/ISO-8859-1", "latin-1": "ISO-8859-1"}[self.encoding]
        with self._open() as fh:
            reader = csv.reader(fh, strict=True)
            try:
                header = next(reader, None)
            except csv.Error as exc:
                raise FileProblem(self.name, 1, _("the header row is not valid CSV (%(problem)s)",
                                                  problem=exc)) from None
        if not header or not any(h.strip() for h in header):
            raise FileProblem(self.name, None, _("the file is empty"))
        self.headers = [h.strip().lower() for h in header]
        self.original = {h.strip().lower(): h.strip() for h in header}  # to name columns as the file does
        if "id" not in self.headers:
            raise FileProblem(self.name, 1, _("has no Id column: this is not a Salesforce export CSV (columns: "
                                              "%(columns)s)", columns=", ".join(header[:8])[:200]))
        dupes = sorted({h for h in self.headers if h and self.headers.count(h) > 1})
        if dupes:
            raise FileProblem(self.name, 1, _("the column(s) %(columns)s appear twice", columns=", ".join(dupes)))

    def _open(self, on_read: Callable[[int], None] | None = None) -> io.TextIOWrapper:
        raw = _Counting(io.FileIO(self.path, "r"), on_read)
        return io.TextIOWrapper(io.BufferedReader(raw, CHUNK), encoding=self.encoding, newline="")

    def column(self, reason: str) -> str:
        """Name the column a reason starts with ("accountid: ...") as the file's header spells it."""
        name, sep, rest = reason.partition(":")
        return f"{self.original[name]}{sep}{rest}" if sep and name in self.original else reason

    def size(self) -> int:
        """Return the file's size in bytes."""
        return self.path.stat().st_size

    def rows(self, columns: tuple[str, ...] | None = None,
             on_read: Callable[[int], None] | None = None) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield (line, {column: stripped value}) per data row; only `columns` (lower-case) if given.

        A column the file lacks is absent from the dict, so a mapping can tell "not exported" from
        "empty". Raises FileProblem with the row's first line on broken quoting.
        """
        wanted = self.headers if columns is None else columns
        index = [(name, self.headers.index(name)) for name in wanted if name in self.headers]
        with self._open(on_read) as fh:
            reader = csv.reader(fh, strict=True)
            line = 1
            try:
                next(reader)
                line = reader.line_num + 1
                for values in reader:
                    if values:
                        n = len(values)
                        yield line, {k: values[i].strip() if i < n else "" for k, i in index}
                    line = reader.line_num + 1
            except csv.Error as exc:
                raise FileProblem(self.name, line, _("broken CSV quoting or structure (%(problem)s); a quote opened "
                                                     "in the row starting here may not be closed",
                                                     problem=exc)) from None
            except UnicodeDecodeError as exc:
                raise FileProblem(self.name, line, _("cannot be decoded as %(encoding)s (%(problem)s)",
                                                     encoding=self.encoding, problem=exc.reason)) from None


def find_files(folder: Path, names: dict[str, tuple[str, ...]]) -> tuple[dict[str, Path], list[str]]:
    """Match the folder's CSVs to objects by file name, case-insensitively; return them and the ignored."""
    if not folder.exists():
        raise FileProblem(str(folder), None, _("no such folder"))
    if not folder.is_dir():
        raise FileProblem(str(folder), None, _("is not a folder (give the folder holding the export CSVs)"))
    by_name = {p.name.lower(): p for p in sorted(folder.iterdir()) if p.is_file()}
    found: dict[str, Path] = {}
    for obj, files in names.items():
        for file in files:
            if file.lower() in by_name:
                found[obj] = by_name[file.lower()]
                break
    used = {p.name.lower() for p in found.values()}
    # A file saved under a name of the user's choosing is recognised by the key prefix of its ids.
    for key, path in by_name.items():
        if key in used or not key.endswith(".csv"):
            continue
        obj = object_by_prefix(path)
        if obj in names and obj not in found:
            found[obj] = path
            used.add(key)
    ignored = [p.name for key, p in by_name.items()
               if key not in used and key.endswith(".csv")]
    return found, ignored


def object_by_prefix(path: Path) -> str | None:
    """The object whose key prefix the first row's Id carries, or None (not a CSV, no Id, no row)."""
    try:
        csv_file = CsvFile(path)
        for _line, row in csv_file.rows(("id",)):
            return FILE_PREFIXES.get((row.get("id") or "")[:3])
    except FileProblem:
        return None
    return None

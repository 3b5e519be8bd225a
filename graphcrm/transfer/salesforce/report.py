"""The import report: every rejected row with file, line and reason; counts; what was brought along."""
from __future__ import annotations

import datetime as dt
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SHOWN = 200  # problems kept in memory for the screen and the web page; all of them go to the file


@dataclass
class FileStats:
    """What happened to one file."""

    object: str
    file: str
    encoding: str = ""
    rows: int = 0
    valid: int = 0
    rejected: int = 0
    warnings: int = 0
    skipped: Counter = field(default_factory=Counter)
    created: int = 0
    updated: int = 0
    written: int = 0
    check_seconds: float = 0.0
    write_seconds: float = 0.0


class Report:
    """Collects problems as they are found (streamed to a spool file, so millions fit) and counts."""

    def __init__(self, source: str, mode: str):
        self.source, self.mode = source, mode
        self.started = dt.datetime.now(dt.UTC)
        self.files: dict[str, FileStats] = {}
        self.ignored: list[str] = []
        self.fatal: str | None = None
        self.interrupted: str | None = None  # an error while writing, after validation passed
        self.notes: list[str] = []
        self.shown: list[str] = []
        self.rejected = self.warned = 0
        self.written = False
        self.path: Path | None = None
        self.refresh_seconds = 0.0  # recomputing the last-touch fields of people with new activities
        # Lives as long as the report: closed by close(), so not a with-block.
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")

    def stats(self, obj: str, file: str) -> FileStats:
        """Return (creating) the stats of one file."""
        if file not in self.files:
            self.files[file] = FileStats(obj, file)
        return self.files[file]

    def _add(self, text: str) -> None:
        self._spool.write(text + "\n")
        if len(self.shown) < SHOWN:
            self.shown.append(text)

    def reject(self, file: str, line: int, reason: str) -> None:
        """Record a rejected row."""
        self.rejected += 1
        self.files[file].rejected += 1
        self._add(f"{file} line {line}: rejected: {reason}")

    def warn(self, file: str, line: int, reason: str) -> None:
        """Record a value kept but not normalized (or a link not made) in a row imported all the same."""
        self.warned += 1
        self.files[file].warnings += 1
        self._add(f"{file} line {line}: warning: {reason}")

    @property
    def ok(self) -> bool:
        """True when nothing was rejected and no file was unreadable."""
        return self.fatal is None and self.interrupted is None and self.rejected == 0

    def outcome(self) -> str:
        """One sentence: what was written, and why not if nothing was."""
        if self.interrupted:
            return (f"The import stopped while writing ({self.interrupted}). Batches written before stay; "
                    "run the same import again to finish it (it changes nothing twice).")
        if self.fatal:
            return f"Nothing was written: {self.fatal}"
        if self.mode == "dry-run":
            return ("Dry run: nothing was written. " +
                    ("Every row is valid." if self.rejected == 0 else
                     f"{self.rejected} row(s) would be rejected."))
        if self.rejected and not self.written:
            return (f"Nothing was written because {self.rejected} row(s) were rejected; fix them, or run "
                    "again with --skip-invalid to import the valid rows.")
        if self.rejected:
            return f"The valid rows were written; {self.rejected} rejected row(s) were left out."
        return "Every row was imported."

    def summary(self) -> str:
        """The report's head: per file counts and the outcome (what the screen shows)."""
        lines = [(f"Salesforce import of {self.source} ({self.mode}), "
                 f"{self.started:%Y-%m-%d %H:%M} UTC")]
        for s in self.files.values():
            skipped = "".join(f", {n} skipped: {why}" for why, n in s.skipped.items())
            done = ""
            if self.written and s.object in _NODE_OBJECTS:
                done = f"; {s.created} created, {s.updated} updated, {s.written - s.created - s.updated} unchanged"
            elif self.written:
                done = f"; {s.written} written"
            lines.append(f"  {s.file} ({s.object}, {s.encoding}): {_n(s.rows, 'row')}, {s.valid} valid, "
                         f"{s.rejected} rejected, {_n(s.warnings, 'warning')}{skipped}{done}")
        if self.ignored:
            lines.append("  ignored (not an object this import reads): " + ", ".join(self.ignored))
        lines += [f"  {note}" for note in self.notes]
        lines.append(self.outcome())
        return "\n".join(lines)

    def problems(self):
        """Yield every problem line in the order found."""
        self._spool.flush()
        self._spool.seek(0)
        yield from self._spool
        self._spool.seek(0, 2)

    def write(self, path: Path) -> Path:
        """Write the full report (summary, then every problem) to `path`."""
        with path.open("w", encoding="utf-8") as out:
            out.write(self.summary() + "\n\n")
            if self.fatal:
                out.write(f"error: {self.fatal}\n")
            out.write(f"{self.rejected} rejected row(s), {self.warned} warning(s)\n")
            for line in self.problems():
                out.write(line)
        return path

    def close(self) -> None:
        """Drop the problem spool."""
        self._spool.close()


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


_NODE_OBJECTS = frozenset({"User", "Account", "Contact", "Campaign", "Opportunity", "Task", "Event"})

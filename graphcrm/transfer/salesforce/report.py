"""The import report: every rejected row with file, line and reason; counts; what was brought along."""
from __future__ import annotations

import datetime as dt
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from graphcrm.i18n import _, ngettext

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
        self._add(_("%(file)s line %(line)s: rejected: %(reason)s", file=file, line=line, reason=reason))

    def warn(self, file: str, line: int, reason: str) -> None:
        """Record a value kept but not normalized (or a link not made) in a row imported all the same."""
        self.warned += 1
        self.files[file].warnings += 1
        self._add(_("%(file)s line %(line)s: warning: %(reason)s", file=file, line=line, reason=reason))

    @property
    def ok(self) -> bool:
        """True when nothing was rejected and no file was unreadable."""
        return self.fatal is None and self.interrupted is None and self.rejected == 0

    def outcome(self) -> str:
        """One sentence: what was written, and why not if nothing was."""
        if self.interrupted:
            return _("The import stopped while writing (%(problem)s). Batches written before stay; run the same "
                     "import again to finish it (it changes nothing twice).", problem=self.interrupted)
        if self.fatal:
            return _("Nothing was written: %(problem)s", problem=self.fatal)
        if self.mode == "dry-run":
            if self.rejected == 0:
                return _("Dry run: nothing was written. Every row is valid.")
            return _("Dry run: nothing was written. %(count)s row(s) would be rejected.", count=self.rejected)
        if self.rejected and not self.written:
            return _("Nothing was written because %(count)s row(s) were rejected; fix them, or run again with "
                     "--skip-invalid to import the valid rows.", count=self.rejected)
        if self.rejected:
            return _("The valid rows were written; %(count)s rejected row(s) were left out.", count=self.rejected)
        return _("Every row was imported.")

    def summary(self) -> str:
        """The report's head: per file counts and the outcome (what the screen shows)."""
        mode = {"dry-run": _("dry-run"), "skip invalid": _("skip invalid"),
                "all or nothing": _("all or nothing")}.get(self.mode, self.mode)
        lines = [_("Salesforce import of %(source)s (%(mode)s), %(time)s UTC", source=self.source, mode=mode,
                   time=self.started.strftime("%Y-%m-%d %H:%M"))]
        for s in self.files.values():
            skipped = "".join(_(", %(count)s skipped: %(reason)s", count=n, reason=why) for why, n in s.skipped.items())
            done = ""
            if self.written and s.object in _NODE_OBJECTS:
                done = _("; %(created)s created, %(updated)s updated, %(unchanged)s unchanged", created=s.created,
                         updated=s.updated, unchanged=s.written - s.created - s.updated)
            elif self.written:
                done = _("; %(written)s written", written=s.written)
            counts = _("%(rows)s, %(valid)s valid, %(rejected)s rejected, %(warnings)s",
                       rows=ngettext("%(num)d row", "%(num)d rows", s.rows), valid=s.valid, rejected=s.rejected,
                       warnings=ngettext("%(num)d warning", "%(num)d warnings", s.warnings))
            lines.append(f"  {s.file} ({s.object}, {s.encoding}): {counts}{skipped}{done}")
        if self.ignored:
            lines.append("  " + _("ignored (not an object this import reads): %(files)s",
                                  files=", ".join(self.ignored)))
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
                out.write(_("error: %(problem)s", problem=self.fatal) + "\n")
            out.write(_("%(rejected)s rejected row(s), %(warned)s warning(s)", rejected=self.rejected,
                        warned=self.warned) + "\n")
            for line in self.problems():
                out.write(line)
        return path

    def close(self) -> None:
        """Drop the problem spool."""
        self._spool.close()


_NODE_OBJECTS = frozenset({"User", "Account", "Contact", "Campaign", "Opportunity", "Task", "Event"})

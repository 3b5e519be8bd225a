"""Imports uploaded from the web run in the background, one at a time, with progress and report in Neo4j.

A large export takes minutes: longer than a browser or proxy waits for one request. The upload is
checked and extracted in the request, the import runs in a thread of that app server, and the page
polls the job's state. The state, the one-import-at-a-time slot and the report file live in Neo4j, so
every worker of every app host shows the same job; a heartbeat says whether the import thread is
alive: a server that died leaves it silent, and the job is shown interrupted.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import re
import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import IO

from graphcrm.access import checks
from graphcrm.access.policy import Access
from graphcrm.errors import Invalid
from graphcrm.i18n import _, carry
from graphcrm.places.countries import country_code
from graphcrm.store.db import Database
from graphcrm.transfer.salesforce.csvfiles import FileProblem
from graphcrm.transfer.salesforce.importer import REPORT_NAME, SPECS, import_salesforce
from graphcrm.transfer.salesforce.mapping import load_mapping
from graphcrm.transfer.salesforce.report import Report
from graphcrm.transfer.upload import extract_csvs

log = logging.getLogger(__name__)
KEEP_DAYS = 7  # finished jobs and their reports are kept this long
_ID = re.compile(r"[0-9a-f]{32}")
_SAVE_EVERY_S = 1.0
HEARTBEAT_S = 5.0
# A job whose thread has not been heard of for this long is dead (its server stopped).
STALE_S = 30
# The full report kept in Neo4j, compressed; a bigger one keeps its start and says so.
MAX_REPORT_GZ = 16 << 20


class Busy(Exception):
    """Another import is running; carries its job id."""

    def __init__(self, job_id: str | None):
        super().__init__("another import is running")
        self.job_id = job_id


def work_dir(home: Path | str) -> Path:
    """Where an app server keeps the uploads it is importing (removed when the import ends)."""
    return Path(home) / "imports"


def check_importer(access: Access) -> None:
    """Refuse anyone but an admin: an import writes every kind of record."""
    checks.require_admin(access, _("may import data"))


MAX_MAPPING = 1 << 20  # a mapping file is a few lines; more is not one


def start(db: Database, home: Path | str, archive: IO[bytes], *, source: str, by: str, dry_run: bool,
          skip_invalid: bool, access: Access, mapping: IO[bytes] | None = None, country: str | None = None) -> str:
    """Extract an uploaded zip and start importing it in the background (admins); return the job id.

    `mapping` is an optional mapping file (TOML) and `country` the org's country for phone numbers.
    Raises Busy while another import runs, and Invalid (nothing started) for a refused zip or country.
    """
    check_importer(access)
    code = country_code(country) if country else None
    if country and code is None:
        raise Invalid(_("%(country)r is not a country (give an ISO code such as CH or a name)", country=country[:40]),
                      {"country": _("is not a country")})
    mapping_text = mapping.read(MAX_MAPPING + 1) if mapping is not None else b""
    if len(mapping_text) > MAX_MAPPING:
        raise Invalid(_("The mapping file is larger than 1 MiB; it is not a mapping file."),
                      {"mapping": _("too large")})
    root = work_dir(home)
    root.mkdir(parents=True, exist_ok=True)
    _prune(root)
    job_id = uuid.uuid4().hex
    db.write("imports/forget", job="", keep_days=KEEP_DAYS)
    claim = db.write_one("imports/claim", job=job_id, stale_s=STALE_S)
    if claim["busy"]:
        raise Busy(claim["job"])
    folder = Path(tempfile.mkdtemp(prefix=f"{job_id}-", dir=root))
    try:
        (folder / "csv").mkdir()
        with open(folder / "upload.zip", "wb") as out:
            shutil.copyfileobj(archive, out, 1 << 20)
        extract_csvs(folder / "upload.zip", folder / "csv")
        if mapping_text:
            (folder / "mapping.toml").write_bytes(mapping_text)
            try:  # a mapping file that cannot be used is refused now, not after the upload started
                load_mapping(folder / "mapping.toml", {spec.name: spec.columns for spec in SPECS})
            except FileProblem as exc:
                raise Invalid(str(exc), {"mapping": exc.reason}) from None
        mode = "dry run" if dry_run else "skip invalid" if skip_invalid else "all or nothing"
        state = {"id": job_id, "state": "running", "source": source, "mode": mode, "by": by,
                 "started_at": _now(), "files": {}, "country": code}
        _save(db, state)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        db.write("imports/release", job=job_id)
        db.write("imports/forget", job=job_id, keep_days=KEEP_DAYS)
        raise
    # The report speaks the uploader's language, though the import runs after their request has ended.
    worker = threading.Thread(target=carry(_run), name=f"import-{job_id[:8]}", daemon=True,
                              args=(db, folder, state, dry_run, skip_invalid))
    worker.start()
    return job_id


def status(db: Database, job_id: str, *, access: Access) -> dict | None:
    """Return a job's state (running, done, failed or interrupted) with its progress or report (admins)."""
    check_importer(access)
    if not _ID.fullmatch(job_id):
        return None
    row = db.read_one("imports/get", job=job_id, stale_s=STALE_S)
    if row is None:
        return None
    state = json.loads(row["state"])
    state["has_report"] = row["has_report"]
    if state["state"] == "running" and not row["alive"]:
        state.update(state="interrupted", error=_("The import stopped when its server process ended. Rows written "
                                                  "before that stay; importing the same export again finishes "
                                                  "the job."))
    return state


def report_text(db: Database, job_id: str, *, access: Access) -> bytes | None:
    """The full report file of a job, when there is one (admins)."""
    check_importer(access)
    if not _ID.fullmatch(job_id):
        return None
    row = db.read_one("imports/report", job=job_id)
    return gzip.decompress(row["report"]) if row and row["report"] else None


def report_view(report: Report) -> dict:
    """What the page shows of a report: the summary, the first problems and the counts."""
    return {"summary": report.summary().splitlines(), "problems": list(report.shown), "ok": report.ok,
            "rejected": report.rejected, "warned": report.warned, "written": report.written,
            "more": report.rejected + report.warned - len(report.shown)}


def _run(db: Database, folder: Path, state: dict, dry_run: bool, skip_invalid: bool) -> None:
    """The import thread: run, keep the job's state current, free the slot however it ends."""
    last = [0.0]
    done = threading.Event()

    def progress(phase: str, file: str, count: int, total: int) -> None:
        state["files"][file] = {"phase": phase, "done": count, "total": total}
        if time.monotonic() - last[0] >= _SAVE_EVERY_S:
            last[0] = time.monotonic()
            _save(db, state)

    def heartbeat() -> None:
        while not done.wait(HEARTBEAT_S):
            try:
                db.write("imports/heartbeat", job=state["id"])
            except Exception:  # a database outage: the import itself will say so
                log.warning("import %s: heartbeat not saved", state["id"], exc_info=True)

    beat = threading.Thread(target=heartbeat, name=f"import-beat-{state['id'][:8]}", daemon=True)
    beat.start()
    try:
        mapping = folder / "mapping.toml"
        report = import_salesforce(db, folder / "csv", dry_run=dry_run, skip_invalid=skip_invalid,
                                   by=state["by"], report_dir=folder, source=state["source"],
                                   on_progress=progress, country=state.get("country"),
                                   mapping=mapping if mapping.is_file() else None)
        state.update(state="done", report=report_view(report))
    except Exception as exc:  # shown on the page; the report file says what was done before
        log.exception("web import %s failed", state["id"])
        state.update(state="failed", error=_("The import stopped: %(problem)s. Rows written before that stay; "
                                             "importing the same export again finishes the job.",
                                             problem=getattr(exc, "message", None) or exc))
    finally:
        done.set()
        state["finished_at"] = _now()
        try:
            _keep_report(db, state["id"], folder / REPORT_NAME)
            _save(db, state)
            db.write("imports/release", job=state["id"])
        except Exception:  # the database went away: the job shows as interrupted, the slot frees itself
            log.exception("web import %s: its end could not be saved", state["id"])
        shutil.rmtree(folder, ignore_errors=True)


def _keep_report(db: Database, job_id: str, path: Path) -> None:
    if not path.is_file():
        return
    packed = gzip.compress(path.read_bytes(), compresslevel=6)
    if len(packed) > MAX_REPORT_GZ:
        with open(path, "rb") as fh:  # the start, which names the first problems, and a word on the rest
            head = fh.read(MAX_REPORT_GZ * 4)
        packed = gzip.compress(head + b"\n... the report was longer; this is its start.\n")
    db.write("imports/save_report", job=job_id, report=packed)


def _prune(root: Path) -> None:
    """Remove uploads a server that died while importing left behind (older than KEEP_DAYS)."""
    cutoff = time.time() - KEEP_DAYS * 86400
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def _save(db: Database, state: dict) -> None:
    db.write("imports/save", job=state["id"], state=json.dumps(state))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

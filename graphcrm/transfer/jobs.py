"""Imports uploaded from the web run in the background, one at a time, with progress and report on disk.

A large export takes minutes: longer than a browser or proxy waits for one request. The upload is
checked and extracted in the request, the import runs in a thread, and the page polls a status file.
Files (not memory) hold the state, so every gunicorn worker can show it, and a lock file says whether
the import is still alive: a worker that died leaves the lock free and the job is shown interrupted.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import re
import shutil
import threading
import time
import uuid
from pathlib import Path
from typing import IO

from graphcrm.access import checks
from graphcrm.access.policy import Access
from graphcrm.errors import Invalid
from graphcrm.places.countries import country_code
from graphcrm.store.db import Database
from graphcrm.transfer.salesforce.csvfiles import FileProblem
from graphcrm.transfer.salesforce.importer import REPORT_NAME, SPECS, import_salesforce
from graphcrm.transfer.salesforce.mapping import load_mapping
from graphcrm.transfer.salesforce.report import Report
from graphcrm.transfer.upload import extract_csvs

log = logging.getLogger(__name__)
KEEP_DAYS = 7  # finished jobs' reports are kept this long
STATUS = "status.json"
LOCK = "running.lock"
_ID = re.compile(r"[0-9a-f]{32}")
_SAVE_EVERY_S = 0.5
RERUN = "Rows written before that stay; importing the same export again finishes the job."


class Busy(Exception):
    """Another import is running; carries its job id."""

    def __init__(self, job_id: str | None):
        super().__init__("another import is running")
        self.job_id = job_id


def jobs_dir(home: Path | str) -> Path:
    """The folder of web import jobs under GRAPHCRM_HOME."""
    return Path(home) / "imports"


def check_importer(access: Access) -> None:
    """Refuse anyone but an admin: an import writes every kind of record."""
    checks.require_admin(access, "may import data")


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
        raise Invalid(f"{country[:40]!r} is not a country (give an ISO code such as CH or a name)",
                      {"country": "is not a country"})
    mapping_text = mapping.read(MAX_MAPPING + 1) if mapping is not None else b""
    if len(mapping_text) > MAX_MAPPING:
        raise Invalid("The mapping file is larger than 1 MiB; it is not a mapping file.",
                      {"mapping": "too large"})
    root = jobs_dir(home)
    root.mkdir(parents=True, exist_ok=True)
    _prune(root)
    lock = open(root / LOCK, "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        raise Busy(_running_id(root)) from None
    job_id = uuid.uuid4().hex
    folder = root / job_id
    try:
        (folder / "csv").mkdir(parents=True)
        with open(folder / "upload.zip", "wb") as out:
            shutil.copyfileobj(archive, out, 1 << 20)
        extract_csvs(folder / "upload.zip", folder / "csv")
        if mapping_text:
            (folder / "mapping.toml").write_bytes(mapping_text)
            try:  # a mapping file that cannot be used is refused now, not after the upload started
                load_mapping(folder / "mapping.toml", {spec.name: spec.columns for spec in SPECS})
            except FileProblem as exc:
                raise Invalid(str(exc), {"mapping": exc.reason}) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        lock.close()
        raise
    lock.seek(0)
    lock.truncate()
    lock.write(job_id)
    lock.flush()
    mode = "dry run" if dry_run else "skip invalid" if skip_invalid else "all or nothing"
    state = {"id": job_id, "state": "running", "source": source, "mode": mode, "by": by,
             "started_at": _now(), "files": {}, "country": code}
    _save(folder, state)
    worker = threading.Thread(target=_run, name=f"import-{job_id[:8]}", daemon=True,
                              args=(db, folder, state, lock, dry_run, skip_invalid))
    worker.start()
    return job_id


def status(home: Path | str, job_id: str, *, access: Access) -> dict | None:
    """Return a job's state (running, done, failed or interrupted) with its progress or report (admins)."""
    check_importer(access)
    if not _ID.fullmatch(job_id):
        return None
    folder = jobs_dir(home) / job_id
    state = _load(folder)
    if state is None or state["state"] != "running":
        return state
    if _lock_free(jobs_dir(home)):
        # The thread may have finished between the two reads; only a second "running" means it died.
        state = _load(folder)
        if state and state["state"] == "running":
            state.update(state="interrupted", error=f"The import stopped when its server process ended. {RERUN}")
    return state


def report_file(home: Path | str, job_id: str, *, access: Access) -> Path | None:
    """The full report file of a job, when there is one (admins)."""
    check_importer(access)
    if not _ID.fullmatch(job_id):
        return None
    path = jobs_dir(home) / job_id / REPORT_NAME
    return path if path.is_file() else None


def report_view(report: Report) -> dict:
    """What the page shows of a report: the summary, the first problems and the counts."""
    return {"summary": report.summary().splitlines(), "problems": list(report.shown), "ok": report.ok,
            "rejected": report.rejected, "warned": report.warned, "written": report.written,
            "more": report.rejected + report.warned - len(report.shown)}


def _run(db: Database, folder: Path, state: dict, lock: IO[str], dry_run: bool, skip_invalid: bool) -> None:
    """The import thread: run, keep the status file current, release the lock however it ends."""
    last = [0.0]

    def progress(phase: str, file: str, done: int, total: int) -> None:
        state["files"][file] = {"phase": phase, "done": done, "total": total}
        if time.monotonic() - last[0] >= _SAVE_EVERY_S:
            last[0] = time.monotonic()
            _save(folder, state)

    try:
        mapping = folder / "mapping.toml"
        report = import_salesforce(db, folder / "csv", dry_run=dry_run, skip_invalid=skip_invalid,
                                   by=state["by"], report_dir=folder, source=state["source"],
                                   on_progress=progress, country=state.get("country"),
                                   mapping=mapping if mapping.is_file() else None)
        state.update(state="done", report=report_view(report))
    except Exception as exc:  # shown on the page; the report file says what was done before
        log.exception("web import %s failed", folder.name)
        state.update(state="failed", error=f"The import stopped: {getattr(exc, 'message', None) or exc}. {RERUN}")
    finally:
        state["finished_at"] = _now()
        _save(folder, state)
        shutil.rmtree(folder / "csv", ignore_errors=True)
        (folder / "upload.zip").unlink(missing_ok=True)
        lock.close()  # releases the flock


def _save(folder: Path, state: dict) -> None:
    """Write the status file atomically, so a reader never sees half of it."""
    tmp = folder / f".{STATUS}.{threading.get_ident()}"
    tmp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, folder / STATUS)


def _load(folder: Path) -> dict | None:
    try:
        return json.loads((folder / STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _lock_free(root: Path) -> bool:
    with open(root / LOCK, "a+") as probe:
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(probe, fcntl.LOCK_UN)
        return True


def _running_id(root: Path) -> str | None:
    with contextlib.suppress(OSError):
        text = (root / LOCK).read_text().strip()
        return text if _ID.fullmatch(text) else None
    return None


def _prune(root: Path) -> None:
    """Remove the folders of jobs older than KEEP_DAYS."""
    cutoff = time.time() - KEEP_DAYS * 86400
    for folder in root.iterdir():
        if folder.is_dir() and _ID.fullmatch(folder.name) and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

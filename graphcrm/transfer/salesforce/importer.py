"""`graphcrm import salesforce DIR`: validate a folder of export CSVs, then write it (or not) and report."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

from graphcrm.contacts.merge import merge_people
from graphcrm.i18n import _
from graphcrm.records import picklists
from graphcrm.store.db import Database
from graphcrm.transfer.salesforce import links, nodes, setup
from graphcrm.transfer.salesforce.csvfiles import CsvFile, FileProblem, find_files
from graphcrm.transfer.salesforce.mapping import Mapping, load_mapping
from graphcrm.transfer.salesforce.report import Report
from graphcrm.transfer.salesforce.spec import Context, at
from graphcrm.transfer.salesforce.validate import Spool, Validator, collect_ids
from graphcrm.transfer.salesforce.write import refresh_touches, save_contact_roles, write_spool

# In writing order: records before the relationships that join them.
SPECS = nodes.SPECS + links.SPECS
FILE_NAMES = {spec.name: spec.files for spec in SPECS} | setup.FILES
REPORT_NAME = "import-report.txt"
# Told (phase, file, done, total) as an import goes: "check" counts bytes read, "write" rows written,
# "touch" the people whose last-touch fields are recomputed.
Progress = Callable[[str, str, int, int], None]


def import_salesforce(db: Database, folder: Path | str, *, dry_run: bool = False, skip_invalid: bool = False,
                      by: str | None = None, progress: bool = False, report_dir: Path | None = None,
                      source: str | None = None, on_progress: Progress | None = None,
                      country: str | None = None, mapping: Path | str | None = None) -> Report:
    """Import a Salesforce export folder; return the report (also written as import-report.txt).

    Default: nothing is written when any row is rejected. `skip_invalid` writes the valid rows;
    `dry_run` only validates. The report goes next to the input unless `report_dir` says otherwise;
    `source` names the input in the report (an uploaded file's name); `on_progress` follows each file.
    `country` (ISO alpha-2) reads phone numbers of records without a country of their own; `mapping`
    is a mapping file of the org's custom fields onto model fields (mapping.py).
    """
    folder = Path(folder)
    mode = "dry run" if dry_run else "skip invalid" if skip_invalid else "all or nothing"
    report = Report(source or str(folder), "dry-run" if dry_run else mode)
    spools: dict[str, Spool] = {}
    try:
        try:
            ctx = Context(country=country)
            spools = _validate(db, folder, report, ctx, progress, on_progress,
                               load_mapping(mapping, {spec.name: spec.columns for spec in SPECS}))
        except FileProblem as exc:
            report.fatal = str(exc)
            return report
        except Exception as exc:  # the database went away while checking references: say so, then raise
            report.fatal = _("the check stopped: %(problem)s", problem=getattr(exc, "message", None) or exc)
            raise
        _note_roles(report, ctx, dry_run)
        _note_picklists(db, report, ctx, dry_run)
        if dry_run or (report.rejected and not skip_invalid):
            return report
        try:
            _write(db, spools, report, ctx, by, progress, on_progress)
        except Exception as exc:
            # Batches already committed stay; an import re-run finishes the job and changes nothing twice.
            report.interrupted = str(exc) or type(exc).__name__
            raise
    finally:
        for spool in spools.values():
            spool.close()
        target = report_dir or (folder if folder.is_dir() else None)
        if target is not None:
            try:
                report.path = report.write(Path(target) / REPORT_NAME)
            except OSError as exc:
                report.notes.append(_("The report could not be written to %(target)s: %(problem)s", target=target,
                                       problem=exc))
        # Every problem is in the report file now; `report.shown` keeps the first ones for the screen.
        report.close()
    return report


def _write(db: Database, spools: dict[str, Spool], report: Report, ctx: Context, by: str | None,
           progress: bool, on_progress: Progress | None) -> None:
    """Write every validated file in order, then what depends on all of them."""
    touched: set[str] = set()
    for spec in SPECS:
        if spec.name not in spools:
            continue
        stats = next(s for s in report.files.values() if s.object == spec.name)
        started = time.perf_counter()
        with tqdm(total=spools[spec.name].count, unit=" rows", desc=_("write %(file)s", file=stats.file),
                  disable=None if progress else True, leave=False) as bar:
            totals = write_spool(db, spec, spools[spec.name], by=by, touched=touched,
                                 on_rows=_follow(bar, "write", stats.file, on_progress))
        for lead_person, contact in totals["merge"]:
            # A lead imported before Salesforce converted it: everything it gathered moves to its contact.
            merge_people(db, lead_person, contact, by=by)
        stats.write_seconds = time.perf_counter() - started
        stats.created, stats.updated, stats.written = totals["created"], totals["updated"], totals["written"]
    if touched:
        started = time.perf_counter()
        if on_progress:
            on_progress("touch", "last-touch fields", 0, len(touched))
        refresh_touches(db, touched)
        if on_progress:
            on_progress("touch", "last-touch fields", len(touched), len(touched))
        report.refresh_seconds = time.perf_counter() - started
    if ctx.contact_roles:
        save_contact_roles(db, list(ctx.contact_roles))
    for name, found in ctx.picklists.items():
        meta = {stage: ctx.stages[stage] for stage in found if stage in ctx.stages} if name == "stage" else None
        picklists.add(db, name, list(found), meta)
    report.written = True


def _follow(bar: tqdm, phase: str, file: str, on_progress: Progress | None) -> Callable[[int], None]:
    """A callback that moves the terminal's progress bar and tells `on_progress` the running total."""
    if on_progress is None:
        return bar.update
    done = [0]

    def step(n: int) -> None:
        bar.update(n)
        done[0] += n
        on_progress(phase, file, done[0], int(bar.total or 0))

    step(0)
    return step


def _validate(db: Database, folder: Path, report: Report, ctx: Context, progress: bool,
              on_progress: Progress | None = None, mapping: Mapping | None = None) -> dict[str, Spool]:
    found, report.ignored = find_files(folder, FILE_NAMES)
    if not found:
        raise FileProblem(str(folder), None, _("holds no Salesforce export CSV (expected any of %(files)s)",
                                               files=", ".join(f for spec in SPECS for f in spec.files)))
    files = {name: CsvFile(path) for name, path in found.items()}
    if "OpportunityStage" in files:
        ctx.stages = setup.read_stages(files.pop("OpportunityStage"), report)
    if "CampaignMemberStatus" in files:
        ctx.responded = setup.read_member_statuses(files.pop("CampaignMemberStatus"), report)
    ctx.leads = "Lead" in files
    ids: dict[str, set[str]] = {}
    twice: dict[str, set[str]] = {}
    labels = {}
    for spec in SPECS:
        if spec.label is not None:
            labels[spec.name] = spec.label
            ids[spec.name], twice[spec.name] = collect_ids(files[spec.name]) if spec.name in files else (set(), set())
    validator = Validator(db, report, ctx, ids, labels, mapping)
    spools: dict[str, Spool] = {}
    try:
        for spec in SPECS:
            csv = files.get(spec.name)
            if csv is None:
                continue
            with tqdm(total=csv.size(), unit="B", unit_scale=True, desc=_("check %(file)s", file=csv.name),
                      disable=None if progress else True, leave=False) as bar:
                spools[spec.name] = validator.run(spec, csv, twice.get(spec.name, set()),
                                                  _follow(bar, "check", csv.name, on_progress))
    except BaseException:
        for spool in spools.values():
            spool.close()
        raise
    return spools


def _note_picklists(db: Database, report: Report, ctx: Context, dry_run: bool) -> None:
    """List the fields kept beyond the model and every picklist value not on graphcrm's lists yet."""
    for file, columns in ctx.kept.items():
        if columns and dry_run:
            report.notes.append(_("%(file)s: %(count)s field(s) beyond the model would be kept on the records under "
                                  "their API names: %(fields)s", file=file, count=len(columns),
                                  fields=", ".join(sorted(columns))))
        elif columns:
            report.notes.append(_("%(file)s: %(count)s field(s) beyond the model are kept on the records under "
                                  "their API names: %(fields)s", file=file, count=len(columns),
                                  fields=", ".join(sorted(columns))))
    for name, found in ctx.picklists.items():
        known = set(picklists.values(db, name))
        new = ", ".join(_first_at(value, where) for value, where in found.items() if value not in known)
        if new and dry_run:
            report.notes.append(_("%(picklist)s of the org that would be added to its list: %(values)s",
                                  picklist=picklists.PICKLISTS[name].title, values=new))
        elif new:
            report.notes.append(_("%(picklist)s of the org that are added to its list: %(values)s",
                                  picklist=picklists.PICKLISTS[name].title, values=new))


def _first_at(value: str, where: tuple) -> str:
    return _("%(value)s (first at %(where)s)", value=value, where=at(where))


def _note_roles(report: Report, ctx: Context, dry_run: bool) -> None:
    if not ctx.contact_roles:
        return
    listed = ", ".join(_first_at(role, where) for role, where in ctx.contact_roles.items())
    if dry_run:
        report.notes.append(_("Opportunity contact roles beyond Salesforce's defaults would be brought along: "
                              "%(roles)s", roles=listed))
    else:
        report.notes.append(_("Opportunity contact roles beyond Salesforce's defaults are brought along and added "
                              "to the configured roles: %(roles)s", roles=listed))

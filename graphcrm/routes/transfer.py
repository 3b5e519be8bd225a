"""Import and export pages: the admin's Salesforce upload, vCards, and CSV downloads of record lists."""
from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, Response, g, render_template, request

from .. import records
from ..app import get_db
from ..errors import Forbidden, Invalid
from ..exporters import content_disposition, csv_response, person_vcard
from ..importers.salesforce import import_salesforce
from ..importers.upload import clear, extract_csvs
from ..model import NODE_FIELDS, Label
from .guard import login_required

bp = Blueprint("transfer", __name__)
LISTS = {"people": Label.PERSON, "accounts": Label.ACCOUNT, "opportunities": Label.OPPORTUNITY,
         "campaigns": Label.CAMPAIGN}
LIST_FILTERS = ("q", "sf_id", "status", "owner", "account")
PAGE = 500


@bp.route("/admin/import", methods=["GET", "POST"])
@login_required
def salesforce_import():
    """An admin uploads a zip of Salesforce export CSVs and sees the import report."""
    if not g.access.is_admin:
        raise Forbidden("Only admins may import data.")
    if request.method == "GET":
        return render_template("transfer_import.html", report=None, error=None)
    upload = request.files.get("archive")
    dry_run, skip_invalid = bool(request.form.get("dry_run")), bool(request.form.get("skip_invalid"))
    work = Path(tempfile.mkdtemp(prefix="graphcrm-import-"))
    try:
        if upload is None or not upload.filename:
            raise Invalid("Choose a zip file of Salesforce export CSVs.", {"archive": "is required"})
        upload.save(work / "upload.zip")
        (work / "csv").mkdir()
        extract_csvs(work / "upload.zip", work / "csv")
        report = import_salesforce(get_db(), work / "csv", dry_run=dry_run, skip_invalid=skip_invalid,
                                   by=g.user["id"], report_dir=work, source=upload.filename)
        view = {"summary": report.summary().splitlines(), "problems": report.shown, "ok": report.ok,
                "rejected": report.rejected, "warned": report.warned, "written": report.written,
                "more": report.rejected + report.warned - len(report.shown)}
        report.close()
    except Invalid as exc:
        return render_template("transfer_import.html", report=None, error=exc.message), 422
    finally:
        clear(work)
    return render_template("transfer_import.html", report=view, error=None)


@bp.get("/people/<person_id>.vcf")
@login_required
def person_vcf(person_id: str):
    """A person as a vCard 4.0, with only the fields the viewer may see."""
    db = get_db()
    person = records.get(db, Label.PERSON, person_id, access=g.access)  # 404 when hidden, fields redacted
    org = db.read_one("export/person_org", id=person_id)
    name = "_".join(str(person[k]) for k in ("last_name", "first_name") if person.get(k)) or "contact"
    return Response(person_vcard(person, org), mimetype="text/vcard",
                    headers={"Content-Disposition": content_disposition(f"{name}.vcf")})


@bp.get("/export/<collection>.csv")
@login_required
def list_csv(collection: str):
    """Every record of a list (with the list's filters) as CSV, read page by page."""
    label = LISTS.get(collection)
    if label is None:
        raise Invalid(f"no list named {collection}", {"collection": "must be one of " + ", ".join(LISTS)})
    filters = {k: request.args[k] for k in LIST_FILTERS if request.args.get(k)}
    db, access = get_db(), g.access
    # Sensitive columns are there for those who may see some of them; rows they may not see leave them empty.
    shown = [k for k, f in NODE_FIELDS[label].items()
             if not f.sensitive or access.is_admin or access.role in ("manager", "rep")]
    columns = ["id", "sf_id", *shown, "created_at", "updated_at"]

    def rows():
        cursor = None
        while True:
            # list_records leaves out people the viewer may not see and removes hidden fields.
            page = records.list_records(db, label, limit=PAGE, cursor=cursor, access=access, **filters)
            yield from page["items"]
            cursor = page["next"]
            if cursor is None:
                return

    return csv_response(rows(), columns, f"{collection}.csv")

"""Import and export pages: the admin's Salesforce upload, vCards, and CSV downloads of record lists."""
from __future__ import annotations

import datetime as dt

from flask import (
    Blueprint,
    Response,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from graphcrm.errors import Invalid, NotFound
from graphcrm.http.common.context import get_db
from graphcrm.http.common.download import content_disposition, csv_download
from graphcrm.http.common.guard import login_required
from graphcrm.i18n import _
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.transfer import jobs
from graphcrm.transfer.vcard import person_card

bp = Blueprint("transfer", __name__)
LISTS = {"people": Label.PERSON, "accounts": Label.ACCOUNT, "opportunities": Label.OPPORTUNITY,
         "campaigns": Label.CAMPAIGN}
LIST_FILTERS = ("q", "sf_id", "status", "owner", "account")


@bp.route("/admin/import", methods=["GET", "POST"])
@login_required
def salesforce_import():
    """An admin uploads a zip of Salesforce export CSVs; the import runs in the background."""
    jobs.check_importer(g.access)
    if request.method == "GET":
        return render_template("transfer/transfer_import.html", job=None, error=None)
    upload = request.files.get("archive")
    dry_run, skip_invalid = bool(request.form.get("dry_run")), bool(request.form.get("skip_invalid"))
    try:
        if upload is None or not upload.filename:
            raise Invalid(_("Choose a zip file of Salesforce export CSVs."), {"archive": _("is required")})
        mapping = request.files.get("mapping")
        job_id = jobs.start(get_db().patient(), current_app.config["GRAPHCRM_HOME"], upload.stream,
                            source=upload.filename, by=g.user["id"], dry_run=dry_run, skip_invalid=skip_invalid,
                            access=g.access, mapping=mapping.stream if mapping and mapping.filename else None,
                            country=(request.form.get("country") or "").strip() or None)
    except Invalid as exc:
        return render_template("transfer/transfer_import.html", job=None, error=exc.message), 422
    except jobs.Busy as busy:
        return render_template("transfer/transfer_import.html", job=None, busy=busy.job_id,
                               error=_("Another import is running; start this one when it has finished.")), 409
    return redirect(url_for("transfer.import_job", job_id=job_id), code=303)


@bp.get("/admin/import/<job_id>")
@login_required
def import_job(job_id: str):
    """One import: its progress while it runs (the page refreshes itself), then its report."""
    job = jobs.status(get_db(), job_id, access=g.access)
    if job is None:
        raise NotFound(_("No such import."))
    running = job["state"] == "running"
    job["started"] = dt.datetime.fromisoformat(job["started_at"])  # shown in Swiss time
    return render_template("transfer/transfer_import.html", job=job, running=running, error=job.get("error"),
                           has_report=not running and job["has_report"])


@bp.get("/admin/import/<job_id>/report.txt")
@login_required
def import_report(job_id: str):
    """The full report file of an import: every rejected row and warning."""
    text = jobs.report_text(get_db(), job_id, access=g.access)
    if text is None:
        raise NotFound(_("This import has no report file."))
    return Response(text, mimetype="text/plain",
                    headers={"Content-Disposition": content_disposition("import-report.txt")})


@bp.get("/people/<person_id>.vcf")
@login_required
def person_vcf(person_id: str):
    """A person as a vCard 4.0, with only the fields the viewer may see."""
    card, filename = person_card(get_db(), person_id, access=g.access)
    return Response(card, mimetype="text/vcard", headers={"Content-Disposition": content_disposition(filename)})


@bp.get("/export/<collection>.csv")
@login_required
def list_csv(collection: str):
    """Every record of a list (with the list's filters) as CSV, read page by page."""
    label = LISTS.get(collection)
    if label is None:
        raise Invalid(_("no list named %(name)s", name=collection),
                      {"collection": _("must be one of %(names)s", names=", ".join(LISTS))})
    filters = {k: request.args[k] for k in LIST_FILTERS if request.args.get(k)}
    columns, rows = records.export_list(get_db(), label, filters, access=g.access)
    return csv_download(rows, columns, f"{collection}.csv")

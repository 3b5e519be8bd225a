"""Downloads: one CSV writer for every list, report and export of the pages, and the file name header."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from flask import Response, has_request_context, request, stream_with_context

from graphcrm.http.common.format import reader_locale
from graphcrm.http.common.forms import LABELS
from graphcrm.i18n import _l
from graphcrm.store.values import flat

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A phone number in E.164 (+41441234567) is a number to a spreadsheet, never a formula: it stays as it is.
E164_RE = re.compile(r"\+[0-9]{6,15}")
NOTE = "_note"  # a row that is only a note (for example "cut at 200,000 rows") becomes one comment line
# Column headers beyond the form fields' labels.
COLUMN_LABELS = {
    "id": _l("Id"), "person": _l("Person id"), "last_touch": _l("Last touch"), "days_since": _l("Days since"),
    "letter_salutation": _l("Letter salutation"), "member_status": _l("Member status"),
    "responded": _l("Responded"), "sender": _l("Sender"), "sender_email": _l("Sender e-mail"),
    "owner_id": _l("Owner id"), "account_id": _l("Account id"),
}


def column_separator() -> str:
    """';' for German and French readers, whose spreadsheet splits on it; ',' for English readers and scripts.

    `?sep=comma` or `?sep=semicolon` chooses; scripts (`?header=keys`, and /api/ unless it asks for
    labels) get commas.
    """
    if not has_request_context():
        return ","
    asked = request.args.get("sep")
    if asked in ("comma", "semicolon"):
        return "," if asked == "comma" else ";"
    if _for_scripts():
        return ","
    return ";" if reader_locale().language in ("de", "fr") else ","


def _for_scripts() -> bool:
    """True when the request asks for column keys: `?header=keys`, or /api/ without `?header=labels`."""
    wanted = request.args.get("header") or ("keys" if request.path.startswith("/api/") else "labels")
    return wanted == "keys"


def column_header(key: str) -> str:
    """A column's header in the reader's language; its key when the request asks for keys.

    People open the files in a spreadsheet and read labels; scripts ask for `?header=keys`, which
    is the default under /api/ (give `?header=labels` there for labels).
    """
    if has_request_context() and _for_scripts():
        return key
    return str(COLUMN_LABELS.get(key) or LABELS.get(key) or key.replace("_", " ").capitalize())


def csv_cell(value: Any) -> str:
    """Return one cell's text; text a spreadsheet would run as a formula is prefixed with '."""
    value = flat(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if value.startswith(FORMULA_START) and not E164_RE.fullmatch(value):
        return "'" + value
    return value


def csv_download(rows: Iterable[dict], columns, filename: str) -> Response:
    """Stream rows (dicts) as a CSV download; columns are keys (headers from column_header) or (key, header)."""
    cols = [(c, column_header(c)) if isinstance(c, str) else tuple(c) for c in columns]
    separator = column_separator()

    def generate():
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
        buffer.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        writer.writerow([csv_cell(str(header)) for _key, header in cols])  # a header may be a lazy message
        for row in rows:
            if NOTE in row:
                writer.writerow(["# " + str(row[NOTE])])
            else:
                writer.writerow([csv_cell(row.get(key)) for key, _header in cols])
            if buffer.tell() > 65536:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return Response(stream_with_context(generate()), mimetype="text/csv",
                    headers={"Content-Disposition": content_disposition(filename)})


def content_disposition(filename: str) -> str:
    """Return a Content-Disposition header that downloads under `filename` (RFC 6266, UTF-8 safe)."""
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in filename) or "export"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"

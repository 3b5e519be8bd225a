"""Downloads: one CSV writer for every list, report and export of the pages, and the file name header."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from flask import Response, stream_with_context

from graphcrm.store.values import flat

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A phone number in E.164 (+41441234567) is a number to a spreadsheet, never a formula: it stays as it is.
E164_RE = re.compile(r"\+[0-9]{6,15}")
NOTE = "_note"  # a row that is only a note (for example "cut at 200,000 rows") becomes one comment line


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
    """Stream rows (dicts) as a CSV download; columns are keys or (key, header) pairs."""
    cols = [(c, c) if isinstance(c, str) else tuple(c) for c in columns]

    def generate():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
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

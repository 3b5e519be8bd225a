"""Map graphcrm errors (and HTTP errors) to the contract's JSON body, or an HTML page."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from graphcrm.errors import CrmError, LocalDbError
from graphcrm.i18n import LazyText, _, _l

log = logging.getLogger(__name__)
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
         422: "invalid", 429: "too_many_requests", 503: "unavailable"}


def wants_json() -> bool:
    """True for API requests, which always get JSON errors."""
    return request.path.startswith("/api/")


RETRY_AFTER_S = 5  # what a 503 tells clients to wait before they try again
# Werkzeug's own descriptions (English), translated; each msgid is Werkzeug's text exactly, so a
# description of ours (abort(404, "...")) is never replaced.
HTTP_MESSAGES = {
    400: _l("The browser (or proxy) sent a request that this server could not understand."),
    401: _l("The server could not verify that you are authorized to access the URL requested. You either "
            "supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to "
            "supply the credentials required."),
    403: _l("You don't have the permission to access the requested resource. It is either read-protected or "
            "not readable by the server."),
    404: _l("The requested URL was not found on the server. If you entered the URL manually please check your "
            "spelling and try again."),
    405: _l("The method is not allowed for the requested URL."),
    413: _l("The data value transmitted exceeds the capacity limit."),
    415: _l("The server does not support the media type transmitted in the request."),
    429: _l("This user has exceeded an allotted request count. Try again later."),
    500: _l("The server encountered an internal error and was unable to complete your request. Either the "
            "server is overloaded or there is an error in the application."),
    503: _l("The server is temporarily unable to service your request due to maintenance downtime or capacity "
            "problems. Please try again later."),
}


def http_message(exc: HTTPException) -> str:
    """The text of an HTTP error: Werkzeug's standard description translated, else the one given."""
    text = exc.description or exc.name
    known = HTTP_MESSAGES.get(exc.code or 500)
    return str(known) if known is not None and text == known.message else str(text)


def _render(status: int, code: str, message, fields: dict | None = None):
    headers = {"Retry-After": str(RETRY_AFTER_S)} if status == 503 else {}
    # Messages may be lazy (module constants): the body and the page get plain text.
    message = str(message)
    fields = {key: str(value) if isinstance(value, LazyText) else value for key, value in (fields or {}).items()}
    if wants_json():
        body = {"error": code, "message": message}
        if fields:
            body["fields"] = fields
        return jsonify(body), status, headers
    return render_template("error.html", status=status, message=message, fields=fields or {}), status, headers


def register(app: Flask) -> None:
    """Install the handlers."""

    @app.errorhandler(CrmError)
    def crm_error(exc: CrmError):
        return _render(exc.status, exc.code, exc.message, exc.fields)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        return _render(status, CODES.get(status, "error"), http_message(exc))

    @app.errorhandler(LocalDbError)
    def local_db_error(exc: LocalDbError):
        return _render(503, "unavailable", str(exc))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        # The stack trace goes to the log, never to the client.
        log.exception("unexpected error on %s %s", request.method, request.path)
        return _render(500, "internal", _("Something went wrong on our side; it has been logged."))

"""Map graphcrm errors (and HTTP errors) to the contract's JSON body, or an HTML page."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from graphcrm.errors import CrmError, LocalDbError

log = logging.getLogger(__name__)
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
         422: "invalid", 429: "too_many_requests", 503: "unavailable"}


def wants_json() -> bool:
    """True for API requests, which always get JSON errors."""
    return request.path.startswith("/api/")


RETRY_AFTER_S = 5  # what a 503 tells clients to wait before they try again


def _render(status: int, code: str, message: str, fields: dict | None = None):
    headers = {"Retry-After": str(RETRY_AFTER_S)} if status == 503 else {}
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
        return _render(status, CODES.get(status, "error"), exc.description or exc.name)

    @app.errorhandler(LocalDbError)
    def local_db_error(exc: LocalDbError):
        return _render(503, "unavailable", str(exc))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        # The stack trace goes to the log, never to the client.
        log.exception("unexpected error on %s %s", request.method, request.path)
        return _render(500, "internal", "Something went wrong on our side; it has been logged.")

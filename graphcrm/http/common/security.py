"""Response headers that make the browser strict (CSP, no sniffing, no framing) and the write audit."""
from __future__ import annotations

from flask import Flask, g, request

from graphcrm.access import audit
from graphcrm.http.common.context import get_db

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def content_security_policy(tile_origin: str | None) -> str:
    """Our own scripts only; map tiles are the one configurable outside origin."""
    img = "'self' data: blob:" + (f" {tile_origin}" if tile_origin else "")
    return ("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "
            "frame-ancestors 'none'; form-action 'self'; connect-src 'self'; "
            # vis-network and Leaflet position elements with style attributes.
            f"style-src 'self' 'unsafe-inline'; img-src {img}; font-src 'self'")


def register(app: Flask) -> None:
    """Install the headers and the audit of every successful write."""

    @app.after_request
    def headers(response):
        # Only the map page adds the tile server's origin (it sets its own header).
        response.headers.setdefault("Content-Security-Policy", content_security_policy(None))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.endpoint != "static":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.after_request
    def audit_writes(response):
        if (request.method not in SAFE_METHODS and response.status_code < 400
                and request.endpoint not in ("auth.login", "auth.logout", None)):
            audit.record(get_db(), action="write", user=g.get("user"), method=request.method,
                         path=request.full_path.rstrip("?"), status=response.status_code,
                         ip=request.remote_addr, via="token" if g.get("via_token") else "session")
        return response

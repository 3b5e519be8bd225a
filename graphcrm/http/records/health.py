"""GET /healthz: whether this app server can reach Neo4j, for load balancers and supervisors."""
from __future__ import annotations

from flask import Blueprint

from graphcrm.http.common.context import get_db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 when Neo4j answers; 503 with Retry-After (the error handler's) while it does not. No sign-in."""
    get_db().ping()
    return {"status": "ok", "neo4j": "up"}

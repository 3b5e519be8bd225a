"""The app factory: builds the Flask app, its blueprints and its one Neo4j driver."""
from __future__ import annotations

import atexit
import logging
from pathlib import Path

from flask import Flask

from graphcrm import config as settings
from graphcrm.access.policy import SHARING_MODES
from graphcrm.errors import LocalDbError
from graphcrm.http.jsonio import CrmJSONProvider
from graphcrm.store.db import Database


def create_app(config: dict | None = None) -> Flask:
    """Create the app; `config` overrides the environment (tests pass their own)."""
    # Templates and static files live in this package (graphcrm/http/templates, .../static).
    app = Flask(__name__, template_folder="templates", static_folder="static")
    app.json_provider_class = CrmJSONProvider
    app.json = CrmJSONProvider(app)
    app.config.update(settings.from_environment(config or {}))
    app.config.update(config or {})
    if app.config["PEOPLE_SHARING"] not in SHARING_MODES:
        raise ValueError(f"GRAPHCRM_PEOPLE_SHARING must be one of {', '.join(SHARING_MODES)}, "
                         f"not {app.config['PEOPLE_SHARING']!r}")
    logging.basicConfig(level=logging.INFO)

    db = Database(_resolve_uri(app.config), _auth(app.config), app.config["NEO4J_DATABASE"],
                  float(app.config["QUERY_TIMEOUT_S"]))
    app.extensions["graphcrm_db"] = db
    atexit.register(db.close)

    from graphcrm.http.blueprints import register

    register(app)
    return app


def _resolve_uri(cfg: dict) -> str:
    """Use NEO4J_URI, else the running managed local Neo4j."""
    if cfg.get("NEO4J_URI"):
        return cfg["NEO4J_URI"]
    from graphcrm.store.localdb import LocalNeo4j

    running = LocalNeo4j(Path(cfg["GRAPHCRM_HOME"])).status()
    if running is None:
        raise LocalDbError("No NEO4J_URI is set and the managed Neo4j is not running: "
                           "run `graphcrm db start` (or `graphcrm serve`, which starts it).")
    return running.uri


def _auth(cfg: dict) -> tuple[str, str] | None:
    """Credentials for an external Neo4j; the managed one runs without auth on loopback."""
    if cfg.get("NEO4J_PASSWORD"):
        return (cfg["NEO4J_USER"], cfg["NEO4J_PASSWORD"])
    return None

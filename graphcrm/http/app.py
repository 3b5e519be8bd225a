"""The app factory: builds the Flask app, its blueprints and its one Neo4j driver."""
from __future__ import annotations

import atexit
import logging
import threading
from pathlib import Path

from flask import Flask

from graphcrm import config as settings
from graphcrm.access.policy import SHARING_MODES
from graphcrm.errors import CrmError, LocalDbError
from graphcrm.http.jsonio import CrmJSONProvider
from graphcrm.store import shapes
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
                  float(app.config["QUERY_TIMEOUT_S"]), locate=_locator(app.config))
    app.extensions["graphcrm_db"] = db
    atexit.register(db.close)
    if not app.testing:
        _keep_shapes(db)

    from graphcrm.http.blueprints import register

    register(app)
    return app


SHAPES_EVERY_S = 60.0


def _keep_shapes(db: Database) -> None:
    """Save the parameter types statements ran with now and then, for the next start's warm-up."""
    def loop():
        while not stopping.wait(SHAPES_EVERY_S):
            flush()

    def flush():
        if shapes.pending():
            try:
                db.save_shapes()
            except CrmError:  # the database is away; the next round tries again
                logging.getLogger(__name__).warning("Could not save the statement shapes", exc_info=True)

    def last():
        stopping.set()
        flush()

    stopping = threading.Event()
    threading.Thread(target=loop, name="graphcrm-shapes", daemon=True).start()
    atexit.register(last)  # runs before the driver is closed (atexit runs the last registered first)


def _managed(cfg: dict):
    from graphcrm.store.localdb import LocalNeo4j

    return LocalNeo4j(Path(cfg["GRAPHCRM_HOME"]))


def _resolve_uri(cfg: dict) -> str:
    """Use NEO4J_URI, else the managed local Neo4j's address (it keeps its port across restarts)."""
    if cfg.get("NEO4J_URI"):
        return cfg["NEO4J_URI"]
    uri = _managed_uri(_managed(cfg))
    if uri is None:
        raise LocalDbError("No NEO4J_URI is set and the managed Neo4j was never started: "
                           "run `graphcrm db start` (or `graphcrm serve`, which starts it).")
    # Not running now (stopped, restarting): requests get 503 until it is back, then carry on.
    return uri


def _locator(cfg: dict):
    """For the managed Neo4j: where it listens now, asked when the driver cannot connect."""
    if cfg.get("NEO4J_URI"):
        return None
    local = _managed(cfg)
    return lambda: _managed_uri(local)


def _managed_uri(local) -> str | None:
    """Where the managed Neo4j listens now, else where it will listen when started again."""
    running = local.status()
    return running.uri if running else local.uri()


def _auth(cfg: dict) -> tuple[str, str] | None:
    """Credentials for an external Neo4j; the managed one runs without auth on loopback."""
    if cfg.get("NEO4J_PASSWORD"):
        return (cfg["NEO4J_USER"], cfg["NEO4J_PASSWORD"])
    return None

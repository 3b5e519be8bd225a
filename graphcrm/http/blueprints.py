"""Flask blueprints: thin layers that parse input, call one capability and render."""
import importlib
import pkgutil

from flask import Flask

import graphcrm.http as http_package

# Capability folders of graphcrm.http whose modules may define blueprints; `common` holds the plumbing.
_PLUMBING = "graphcrm.http.common"


def blueprint_modules():
    """Import and return every module of graphcrm.http's capability folders that defines a blueprint `bp`.

    API modules may also define OPENAPI_PATHS, merged into /api/v1/openapi.json. Discovering them
    means a new capability adds one file, not an edit to a shared list.
    """
    names = sorted(m.name for m in pkgutil.walk_packages(http_package.__path__, "graphcrm.http.")
                   if not m.ispkg and not m.name.startswith(_PLUMBING))
    modules = [importlib.import_module(name) for name in names]
    return [m for m in modules if hasattr(m, "bp")]


def register(app: Flask) -> None:
    """Attach every blueprint, the error handlers, the request guard and the security headers."""
    from graphcrm.http.common import body, errors, guard, locale, security

    errors.register(app)
    guard.register(app)
    locale.register(app)  # after the guard: the user's own language comes first
    body.register(app)  # after the guard: who is asking comes first, then the body's size and depth
    security.register(app)
    for module in blueprint_modules():
        app.register_blueprint(module.bp)

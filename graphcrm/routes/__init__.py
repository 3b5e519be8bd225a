"""Flask blueprints: thin layers that parse input, call one capability and render."""
import importlib
import pkgutil

from flask import Flask

# Modules that are not blueprints: the request guard, error mapping and response headers.
_INFRASTRUCTURE = frozenset({"body", "errors", "guard", "security"})


def blueprint_modules():
    """Import and return every module of this package that defines a blueprint `bp`.

    API modules may also define OPENAPI_PATHS, merged into /api/v1/openapi.json. Discovering them
    means a new capability adds one file, not an edit to a shared list.
    """
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name not in _INFRASTRUCTURE)
    modules = [importlib.import_module(f"{__name__}.{name}") for name in names]
    return [m for m in modules if hasattr(m, "bp")]


def register(app: Flask) -> None:
    """Attach every blueprint, the error handlers, the request guard and the security headers."""
    from . import body, errors, guard, security

    errors.register(app)
    guard.register(app)
    body.register(app)  # after the guard: who is asking comes first, then the body's size and depth
    security.register(app)
    for module in blueprint_modules():
        app.register_blueprint(module.bp)

"""Flask blueprints: thin layers that parse input, call one capability and render."""
import importlib

from flask import Flask

# Each module defines `bp`; API modules may also define OPENAPI_PATHS for /api/v1/openapi.json.
BLUEPRINT_MODULES = ("auth", "api", "pages", "pages_people", "pages_accounts", "pages_opportunities")


def blueprint_modules():
    """Import and return every blueprint module."""
    return [importlib.import_module(f"{__name__}.{name}") for name in BLUEPRINT_MODULES]


def register(app: Flask) -> None:
    """Attach every blueprint, the error handlers and the request guard to the app."""
    from . import errors, guard

    errors.register(app)
    guard.register(app)
    for module in blueprint_modules():
        app.register_blueprint(module.bp)

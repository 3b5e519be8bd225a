"""Flask blueprints: thin layers that parse input, call one capability and render."""
from flask import Flask


def register(app: Flask) -> None:
    """Attach every blueprint, the error handlers and the request guard to the app."""
    from . import api, auth, errors, guard, pages

    errors.register(app)
    guard.register(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)

"""The web: the Flask app, its JSON API and pages by capability, templates and static files. The only
package that knows Flask."""

__all__ = ["app", "wsgi"]

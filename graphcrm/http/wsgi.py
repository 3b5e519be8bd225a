"""The production WSGI server: gunicorn serving `create_app()` (Docker: `gunicorn "graphcrm.http.app:create_app()"`)."""
from __future__ import annotations


def run_gunicorn(host: str, port: int, workers: int, threads: int = 8) -> None:
    """Serve `create_app()` with gunicorn's threaded workers."""
    from gunicorn.app.base import BaseApplication

    class GraphcrmServer(BaseApplication):
        def load_config(self):
            for key, value in {"bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread",
                               "threads": threads, "timeout": 60, "accesslog": "-"}.items():
                self.cfg.set(key, value)

        def load(self):
            from graphcrm.http.app import create_app

            return create_app()

    GraphcrmServer().run()

"""What a request works with: the app's one database handle."""
from __future__ import annotations

from flask import current_app

from graphcrm.store.db import Database


def get_db() -> Database:
    """Return the current app's database handle."""
    return current_app.extensions["graphcrm_db"]

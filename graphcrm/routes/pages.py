"""Server-rendered pages."""
from __future__ import annotations

from flask import Blueprint, render_template

from .guard import login_required

bp = Blueprint("pages", __name__)


@bp.get("/")
@login_required
def home():
    """The start page: search."""
    return render_template("home.html")

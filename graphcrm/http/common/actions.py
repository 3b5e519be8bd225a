"""Small forms on record pages: run one capability, or redraw the page with errors beside the fields."""
from __future__ import annotations

from collections.abc import Callable

from flask import flash, g, redirect, request

from graphcrm.access.checks import require_writer
from graphcrm.errors import Conflict, Invalid, NotFound
from graphcrm.http.common.forms import form_errors
from graphcrm.i18n import _


class FormState:
    """The one form of a page that failed: its name, what the user typed, the errors and a message."""

    def __init__(self, name: str | None = None, values: dict | None = None, errors: dict | None = None,
                 message: str | None = None, lists: dict | None = None):
        self.name, self.values, self.errors, self.message = name, values or {}, errors or {}, message
        self.lists = lists or {}

    def open(self, form: str) -> bool:
        """True when this form failed and is shown unfolded."""
        return self.name == form

    def value(self, form: str, key: str, default="") -> str:
        """The user's input for `key` when this form failed, else `default`."""
        if self.name != form:
            return "" if default is None else default
        return self.values.get(key, "")

    def values_of(self, form: str, key: str) -> list[str] | None:
        """Every value of a repeated input (checkboxes) when this form failed, else None."""
        return self.lists.get(key, []) if self.name == form else None

    def checked(self, form: str, key: str, default: bool = False) -> bool:
        """Whether a checkbox was ticked when this form failed, else `default`."""
        return bool(self.values.get(key)) if self.name == form else default

    def error(self, form: str, key: str) -> str | None:
        """The error of one field of this form, capitalised, or None."""
        if self.name != form or not self.errors.get(key):
            return None
        text = str(self.errors[key])
        return text[:1].upper() + text[1:]

    def note(self, form: str) -> str | None:
        """The form's overall message when it failed."""
        return self.message if self.name == form else None


NO_FORM = FormState()
# render(form_state, status) -> response
Renderer = Callable[[FormState, int], object]


def failed(name: str, exc: Invalid | Conflict | NotFound, rename: dict | None = None) -> FormState:
    """Turn a capability's error into the state of the failed form; field names are mapped by `rename`."""
    errors = {}
    for key, message in form_errors(exc.fields).items():
        errors.setdefault((rename or {}).get(key, key), message)
    return FormState(name, request.form.to_dict(), errors, exc.message, request.form.to_dict(flat=False))


def run_form(name: str, work: Callable[[], object], *, render: Renderer, done: str | Callable[[object], str],
             redirect_to: str | Callable[[object], str], rename: dict | None = None, refers: bool = False):
    """Check the writer, run `work()`, flash `done` and redirect; on bad input redraw with a 4xx.

    A NotFound that names a field is a bad reference in the form (422); one without fields means
    the page's own record is gone and shows the 404 page, unless the page has no record of its own
    and every id comes from the form (`refers`).
    """
    require_writer(g.access)
    try:
        result = work()
    except NotFound as exc:
        if not exc.fields and not refers:
            raise
        return render(failed(name, exc, rename), 422)
    except (Invalid, Conflict) as exc:
        return render(failed(name, exc, rename), exc.status)
    flash(str(done(result) if callable(done) else done), "ok")  # the session stores text, never lazy messages
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def need(condition: bool, field: str, message: str, summary: str | None = None) -> None:
    """Raise Invalid naming `field` unless `condition` holds; for checks the page makes itself."""
    if not condition:
        raise Invalid(summary or _("Please correct the marked field."), {field: message})

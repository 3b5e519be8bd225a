"""What an importable Salesforce object is: its files, columns, row mapping and Cypher statements."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from graphcrm.i18n import _
from graphcrm.model import NODE_FIELDS, Label
from graphcrm.model.nodes import CUSTOM_PREFIX
from graphcrm.transfer.salesforce import values as v


@dataclass(slots=True)
class Converted:
    """One row mapped to statement parameters, with the ids it references and anything worth saying."""

    params: dict
    refs: list[tuple[str, str, str]] = field(default_factory=list)  # (column, object, 18-char id)
    warnings: list[str] = field(default_factory=list)
    skip: str | None = None  # a row not imported on purpose (a lead, a deleted record): counted


@dataclass
class Context:
    """What the mapping of one import remembers across rows: small, never the rows themselves."""

    today: dt.date = field(default_factory=lambda: dt.datetime.now(dt.UTC).date())
    user_emails: dict[str, str] = field(default_factory=dict)  # e-mail -> sf_id of the user using it
    contact_roles: dict[str, str] = field(default_factory=dict)  # role -> "file line N" first seen
    where: tuple = ()  # (file, line) of the row being mapped; `at` says it in words
    country: str | None = None  # the org's default country for phone numbers without one (ISO alpha-2)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case column -> as the file spells it
    # The org's own picklist values met: picklist -> value -> "file line N" first seen.
    picklists: dict[str, dict[str, str]] = field(default_factory=dict)
    stages: dict[str, dict] = field(default_factory=dict)  # stage -> what OpportunityStage says of it
    responded: dict[str, bool] = field(default_factory=dict)  # member status -> HasResponded
    file: str = ""  # the file being mapped
    kept: dict[str, dict[str, None]] = field(default_factory=dict)  # file -> columns kept beyond the model
    converted: dict[str, str] = field(default_factory=dict)  # converted lead -> the contact it became
    leads: bool = False  # the export has a Lead file: rows naming a lead name a person
    # Whether a record exists, in a file of this export or in the database: (object, 18-char id) -> bool.
    exists: Callable[[str, str], bool] = lambda obj, sf_id: False

    def person(self, sf_id: str | None) -> tuple[str | None, str]:
        """Who a WhoId/ContactId/LeadId names: (id, object), a converted lead as its contact."""
        if sf_id in self.converted:
            return self.converted[sf_id], "Contact"
        return sf_id, "Lead" if sf_id and sf_id.startswith("00Q") else "Contact"

    def met(self, picklist: str, value: str | None) -> None:
        """Note a picklist value a row uses (added to the org's list when the import is written)."""
        if value:
            self.picklists.setdefault(picklist, {}).setdefault(value, self.where)


@dataclass(frozen=True)
class ObjectSpec:
    """One Salesforce object: where it comes from and how it is written."""

    name: str
    files: tuple[str, ...]
    columns: tuple[str, ...]
    convert: Callable[[dict, Context], Converted]
    statement: str
    label: Label | None = None  # set for objects other rows refer to by id
    after: str | None = None  # statement run over every row once all rows are written (self-references)
    check: str | None = None  # statement that finds rows conflicting with the database: (sf_id, reason)
    create: tuple[str, Label] | None = None  # faster statement for rows whose sf_id is new, and its label
    batch: int = 5000
    custom: bool = False  # columns the mapping does not read are kept on the record (Salesforce custom fields)
    names: dict | None = None  # names filled into the statements' {{placeholders}} (the record's label)


def fill(props: dict, row: dict, label: Label, columns: dict[str, str], warnings: list[str],
         region: str | None = None, headers: dict[str, str] | None = None) -> None:
    """Copy exported columns into props, typed by the model's field specs (free text ones softly).

    Phone numbers are read in `region` (the record's country) and kept as typed when they cannot be.
    """
    spec = NODE_FIELDS[label]
    for column, prop in columns.items():
        if column not in row:
            continue
        f = spec[prop]
        if f.type in ("str", "text"):
            value = row[column] or None
            if value and len(value) > f.max_len:
                # Longer than the model's field: the field shows the start, the whole text stays on the record.
                warnings.append(f"{column}: {len(value)} characters, shown cut to {f.max_len}; the whole text is kept")
                props[CUSTOM_PREFIX + (headers or {}).get(column, column)] = value
                value = value[:f.max_len - 1] + "…"
            props[prop] = value
        elif f.type == "email":
            props[prop] = v.email(row, column)
        elif f.type == "phone":
            props[prop] = v.phone(row, column, region, warnings)
        elif f.type in ("url", "lang"):
            props[prop] = v.soft(f, row[column], column, warnings)
            if props[prop] is None and row[column]:
                # Not a URL or language we can use: the value stays on the record under its API name.
                props[CUSTOM_PREFIX + (headers or {}).get(column, column)] = row[column]
        elif f.type == "date":
            props[prop] = v.date(row, column)
        elif f.type in ("int", "float"):
            props[prop] = v.number(row, column, whole=f.type == "int", lo=f.minimum, hi=f.maximum)
        elif f.type == "bool":
            props[prop] = v.boolean(row, column)
        else:
            raise AssertionError(f"no generic import for {f.type} fields")




# A Salesforce id among the kept values (a lookup field): no word anyone searches for.
ID_RE = re.compile(r"(?=.*\d)[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?")


def keep_unmapped(props: dict, row: dict, columns: tuple[str, ...], ctx: Context) -> None:
    """Keep every column the mapping does not read under its API name, typed by its text (empty: None)."""
    kept = ctx.kept.setdefault(ctx.file, {})
    words = []
    for column, value in row.items():
        if column in columns:
            continue
        name = ctx.headers.get(column, column)
        if not value:
            # Empty in this export: a value an earlier import kept is gone in Salesforce too.
            props.setdefault(CUSTOM_PREFIX + name, None)
            continue
        typed = props[CUSTOM_PREFIX + name] = v.inferred(value)
        kept[name] = None
        if isinstance(typed, str) and not ID_RE.fullmatch(typed):
            words.append(typed)
    # Their text, in one property the custom_search index reads (ids are no words anyone searches for).
    props["custom_text"] = " ".join(words)[:32_000] or None


def required(row: dict, column: str, what: str) -> str:
    """Return a column's value or raise RowError saying it is missing (`what`, translated: what for)."""
    value = row.get(column)
    if not value:
        raise v.missing(column, what)
    return value


def ref(converted: Converted, row: dict, column: str, obj: str, *, need: bool = False) -> str | None:
    """Read a reference column, note it for the dangling-reference check, and return the 18-char id."""
    target = v.sf_id(row, column)
    if target is None:
        if need:
            raise v.missing(column, _("a %(object)s is needed", object=obj))
        return None
    converted.refs.append((column, obj, target))
    return target


def at(where: tuple) -> str:
    """ "Contact.csv line 12": a (file, line) of Context.where in words."""
    return _("%(file)s line %(line)s", file=where[0], line=where[1]) if where else ""

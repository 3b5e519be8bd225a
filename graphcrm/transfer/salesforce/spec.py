"""What an importable Salesforce object is: its files, columns, row mapping and Cypher statements."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from graphcrm.model import NODE_FIELDS, Label
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
    where: str = ""  # "file line N" of the row being mapped


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


def fill(props: dict, row: dict, label: Label, columns: dict[str, str], warnings: list[str]) -> None:
    """Copy exported columns into props, typed by the model's field specs (free text ones softly)."""
    spec = NODE_FIELDS[label]
    for column, prop in columns.items():
        if column not in row:
            continue
        f = spec[prop]
        if f.type in ("str", "text"):
            props[prop] = v.text(row, column, f.max_len)
        elif f.type == "email":
            props[prop] = v.email(row, column)
        elif f.type in ("phone", "url", "lang"):
            props[prop] = v.soft(f, row[column], column, warnings)
        elif f.type == "date":
            props[prop] = v.date(row, column)
        elif f.type in ("int", "float"):
            props[prop] = v.number(row, column, whole=f.type == "int", lo=f.minimum, hi=f.maximum)
        elif f.type == "bool":
            props[prop] = v.boolean(row, column)
        else:
            raise AssertionError(f"no generic import for {f.type} fields")


def required(row: dict, column: str, what: str) -> str:
    """Return a column's value or raise RowError saying it is missing."""
    value = row.get(column)
    if not value:
        raise v.RowError(f"{column}: missing ({what})")
    return value


def ref(converted: Converted, row: dict, column: str, obj: str, *, need: bool = False) -> str | None:
    """Read a reference column, note it for the dangling-reference check, and return the 18-char id."""
    target = v.sf_id(row, column)
    if target is None:
        if need:
            raise v.RowError(f"{column}: missing (a {obj} is needed)")
        return None
    converted.refs.append((column, obj, target))
    return target

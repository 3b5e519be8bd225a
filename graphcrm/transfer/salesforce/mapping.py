"""An org's mapping file: its custom fields onto the model's fields, as Data Loader's mapping files do.

    # mapping.toml
    [Contact]
    npe01__WorkEmail__c = "email"
    Language__c = "language"

(or, the same in TOML, `Contact.npe01__WorkEmail__c = "email"`). A target is a model field of the
object (`email`, `mobile`, `stage`, ...) or a Salesforce column the import reads (`MobilePhone`).
A mapped value fills its target when the row leaves the target empty; otherwise it stays among the
record's Salesforce fields, so nothing is lost either way.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

from graphcrm.i18n import _
from graphcrm.transfer.salesforce.csvfiles import FileProblem

# Model field -> the column the import reads it from, per object.
FIELD_COLUMNS = {
    "User": {"name": "name", "email": "email", "title": "title", "phone": "phone", "city": "city"},
    "Account": {"name": "name", "type": "type", "industry": "industry", "website": "website", "phone": "phone",
                "employees": "numberofemployees", "description": "description", "street": "billingstreet",
                "postal_code": "billingpostalcode", "city": "billingcity", "country": "billingcountry"},
    "Contact": {"first_name": "firstname", "last_name": "lastname", "salutation": "salutation", "email": "email",
                "phone": "phone", "mobile": "mobilephone", "title": "title", "department": "department",
                "birthdate": "birthdate", "description": "description", "language": "language__c",
                "street": "mailingstreet", "postal_code": "mailingpostalcode", "city": "mailingcity",
                "country": "mailingcountry", "address": "du_sie__c"},
    "Campaign": {"name": "name", "type": "type", "status": "status", "start_date": "startdate",
                 "end_date": "enddate", "description": "description"},
    "Opportunity": {"name": "name", "stage": "stagename", "amount": "amount", "close_date": "closedate",
                    "probability": "probability", "currency": "currencyisocode", "description": "description",
                    "forecast_category": "forecastcategoryname"},
}
Mapping = dict[str, dict[str, str]]  # object -> source column -> target column (lower case)


def load_mapping(path: Path | str | None, columns: dict[str, tuple[str, ...]]) -> Mapping:
    """Read and check a mapping file; `columns` are the columns each object's import reads.

    Raises FileProblem naming the file and the entry for anything it cannot use.
    """
    if path is None:
        return {}
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise FileProblem(path.name, None, _("cannot be read (%(problem)s)", problem=exc.strerror)) from None
    except UnicodeDecodeError:
        raise FileProblem(path.name, None, _("is not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as exc:
        raise FileProblem(path.name, getattr(exc, "lineno", None), _("is not valid TOML (%(problem)s)",
                                                                      problem=exc)) from None
    mapping: Mapping = {}
    for obj, entries in data.items():
        if obj not in FIELD_COLUMNS:
            raise FileProblem(path.name, None, _("[%(object)s]: not an object the import maps (use one of "
                                                 "%(objects)s)", object=obj, objects=", ".join(FIELD_COLUMNS)))
        if not isinstance(entries, dict):
            raise FileProblem(path.name, None, _("%(object)s: must be a table of Field__c = \"model field\" entries",
                                                 object=obj))
        for source, target in entries.items():
            if not isinstance(target, str):
                raise FileProblem(path.name, None, _("%(entry)s: the target must be text (a field name)",
                                                     entry=obj + "." + source))
            column = FIELD_COLUMNS[obj].get(target) or target.lower()
            if column not in columns.get(obj, ()):
                raise FileProblem(path.name, None, _("%(entry)s = %(target)r: not a field of %(object)s (use one of "
                                                     "%(fields)s)", entry=obj + "." + source, target=target, object=obj,
                                                     fields=", ".join(FIELD_COLUMNS[obj])))
            mapping.setdefault(obj, {})[source.lower()] = column
    return mapping


def apply(row: dict[str, str], entries: dict[str, str]) -> None:
    """Move mapped values to their targets where the target is empty (else they stay where they are)."""
    for source, target in entries.items():
        value = row.get(source)
        if value and not row.get(target):
            row[target] = value
            del row[source]

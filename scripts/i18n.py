"""Keep the message catalogues in step with the code: `python3 scripts/i18n.py update [SIDE.json ...]`.

update: extract every marked message (Python `_`/`_l`/`ngettext`, templates `_`/`ngettext`, scripts
`t`/`tn`) into graphcrm/translations/messages.pot, bring de, fr and en up to date (new messages empty,
gone ones dropped, never fuzzy-matched), and fill empty translations from the given JSON side files
([{"msgid", "msgid_plural"?, "de", "fr"}]). check: list what de and fr lack or have fuzzy (exit 1).
"""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "graphcrm"
OUT = PACKAGE / "translations"
TRANSLATED = ("de", "fr")
LANGUAGES = ("de", "fr", "en")
PY_KEYWORDS = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)}
JINJA_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
JS_KEYWORDS = {"t": None, "tn": (1, 2)}


def sources():
    """(method, keywords, path) of every file that may hold messages."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if "demo" not in path.relative_to(PACKAGE).parts:
            yield "python", PY_KEYWORDS, path
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        yield "jinja2.ext:babel_extract", JINJA_KEYWORDS, path
    for path in sorted((PACKAGE / "http/static/js").glob("*.js")):
        yield "javascript", JS_KEYWORDS, path


def extract() -> Catalog:
    """Every marked message of the code, with where it is used."""
    template = Catalog(project="graphcrm", charset="utf-8")
    for method, keywords, path in sources():
        options = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"} if "jinja" in method else {}
        for line, message, comments, context in extract_from_file(method, str(path), keywords=keywords,
                                                                   options=options, strip_comment_tags=True):
            template.add(message, None, [(str(path.relative_to(ROOT)), line)], auto_comments=comments,
                         context=context)
    return template


def po_path(language: str) -> Path:
    return OUT / language / "LC_MESSAGES" / "messages.po"


def read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=120, sort_output=True, omit_header=False, include_previous=False)


def side_translations(files: list[str]) -> dict[str, dict]:
    """msgid -> {de, fr} from the side files; the first file to give a msgid wins."""
    found: dict[str, dict] = {}
    for name in files:
        for entry in json.loads(Path(name).read_text(encoding="utf-8")):
            found.setdefault(entry["msgid"], entry)
    return found


def update(files: list[str], *, override: bool = False) -> None:
    template = extract()
    write(template, OUT / "messages.pot")
    given = side_translations(files)
    for language in LANGUAGES:
        path = po_path(language)
        catalog = read(path, language) if path.exists() else Catalog(locale=language, project="graphcrm")
        _two_plural_forms(catalog, language)
        # A copy each: babel's update adds the template's own Message objects, which must not be shared.
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        if language in TRANSLATED:
            for message in catalog:
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                entry = given.get(key)
                if not key or entry is None or language not in entry:
                    continue
                if isinstance(message.id, tuple):
                    if (override or not all(message.string)) and isinstance(entry[language], list):
                        message.string = tuple(entry[language])
                elif (override or not message.string) and isinstance(entry[language], str):
                    message.string = entry[language]
        else:  # English is the source language: its catalogue holds the messages, never other words
            for message in catalog:
                message.string = ("", "") if isinstance(message.id, tuple) else ""
        write(catalog, path)
    print(f"{len(template)} messages; missing: {missing()}")


def _two_plural_forms(catalog: Catalog, language: str) -> None:
    """French as gettext writes it: one form for 0 and 1, one for more (CLDR's third form is for millions)."""
    if language != "fr":
        return
    catalog._num_plurals, catalog._plural_expr = 2, "(n > 1)"
    for message in catalog:
        if isinstance(message.string, tuple) and len(message.string) > 2:
            message.string = message.string[:2]


def missing() -> dict[str, list[str]]:
    """The messages de and fr lack (empty) or have fuzzy, by language."""
    template = extract()
    out = {}
    for language in TRANSLATED:
        path = po_path(language)
        catalog = read(path, language) if path.exists() else Catalog(locale=language)
        lacking = []
        for message in template:
            if not message.id:
                continue
            have = catalog.get(message.id, message.context)
            strings = (have.string if isinstance(have.string, tuple) else (have.string,)) if have else ("",)
            if have is None or have.fuzzy or not all(strings):
                lacking.append(message.id if isinstance(message.id, str) else message.id[0])
        out[language] = lacking
    return out


if __name__ == "__main__":
    command, *rest = sys.argv[1:] or ["check"]
    if command == "update":
        update([name for name in rest if name != "--override"], override="--override" in rest)
    else:
        gaps = missing()
        for language, ids in gaps.items():
            for msgid in ids:
                print(f"{language}: {msgid}")
        sys.exit(1 if any(gaps.values()) else 0)

"""Messages in the reader's language: gettext over the catalogues in graphcrm/translations."""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
DOMAIN = "messages"
# The interface's languages; English is the source language (msgids are the English texts).
LANGUAGES = ("de", "fr", "en")

# Where a request's translations come from (the web layer plugs in Flask-Babel's); None outside one.
_source: Callable[[], NullTranslations | None] = lambda: None  # noqa: E731
_cli: dict[str, NullTranslations] = {}
_compile_lock = threading.Lock()
_thread = threading.local()  # a background thread's language, carried over from the request that started it


def use(source: Callable[[], NullTranslations | None]) -> None:
    """Take a request's translations from `source` (called on every message; None means 'not in a request')."""
    global _source
    _source = source


def translations() -> NullTranslations:
    """The translations of this thread's work (see carry), else the current request's, else the command line's."""
    return getattr(_thread, "translations", None) or _source() or cli_translations()


def carry(target: Callable) -> Callable:
    """Wrap a thread's target so its messages speak the language of the request that started it."""
    speaking = translations()

    def run(*args, **kwargs):
        _thread.translations = speaking
        try:
            return target(*args, **kwargs)
        finally:
            _thread.translations = None

    return run


def _(message: str, **variables) -> str:
    """Translate `message` and fill its %(name)s placeholders."""
    text = translations().ugettext(message)
    return text % variables if variables else text


gettext = _


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    """Translate the singular or plural form for `num`; %(num)d is filled in."""
    variables.setdefault("num", num)
    return translations().ungettext(singular, plural, num) % variables


def _l(message: str, **variables) -> LazyText:
    """A message translated when it is shown, for module constants built before any request."""
    return LazyText(message, variables)


lazy_gettext = _l


class LazyText:
    """A message that translates itself each time it becomes text (str(), format, JSON, Jinja)."""

    __slots__ = ("message", "variables")

    def __init__(self, message: str, variables: dict | None = None):
        self.message = message
        self.variables = variables or {}

    def __str__(self) -> str:
        return _(self.message, **self.variables)

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))

    def __repr__(self) -> str:
        return f"_l({self.message!r})"

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.message)

    def __len__(self) -> int:
        return len(str(self))

    def __add__(self, other) -> str:
        return str(self) + str(other)

    def __radd__(self, other) -> str:
        return str(other) + str(self)

    def __mod__(self, values) -> str:
        return str(self) % values

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __getattr__(self, name):
        # str methods (lower, replace, startswith ...) act on the translated text.
        return getattr(str(self), name)


def cli_locale() -> str:
    """The command line's language from LC_ALL / LC_MESSAGES / LANG; English when unset or C/POSIX."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            language = value.split(".")[0].split("@")[0]
            return "en" if language in ("C", "POSIX") else language
    return "en"


def cli_translations() -> NullTranslations:
    """The catalogue of the command line's language (compiled on first use)."""
    locale = cli_locale()
    if locale not in _cli:
        _cli[locale] = load(locale)
    return _cli[locale]


def load(locale: str) -> NullTranslations:
    """The catalogue for a locale such as de_CH (falling back to de), or no translation."""
    directory = compiled_dir()
    found = Translations.load(str(directory), [locale.replace("-", "_")], DOMAIN)
    return found if isinstance(found, Translations) else NullTranslations()


def compiled_dir() -> Path:
    """Where the compiled catalogues are: next to the .po files, or in a cache when the package is read-only."""
    with _compile_lock:
        for directory in (TRANSLATIONS_DIR, _cache_dir()):
            try:
                compile_catalogues(TRANSLATIONS_DIR, directory)
                return directory
            except OSError:
                continue
    return TRANSLATIONS_DIR


def _cache_dir() -> Path:
    from graphcrm.config import graphcrm_home

    return graphcrm_home() / "translations"


def compile_catalogues(source: Path, target: Path) -> list[Path]:
    """Compile every .po under `source` whose .mo in `target` is missing or older; return those written."""
    written = []
    for po in sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = target / po.relative_to(source).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        mo.parent.mkdir(parents=True, exist_ok=True)
        partial = mo.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        partial.replace(mo)  # atomic: two app servers compiling at once never read half a file
        written.append(mo)
    return written

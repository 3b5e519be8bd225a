"""Find English texts of the catalogue left on a page drawn in another language."""
from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

from babel.messages.pofile import read_po

from graphcrm import i18n

SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@cache
def english_of(language: str) -> frozenset[str]:
    """The msgids (English texts without placeholders) that `language` translates differently."""
    po = i18n.TRANSLATIONS_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    out, translated = set(), set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid, text in zip(ids, strings):
            if msgid and "%(" not in msgid and text and text != msgid:
                out.add(_squeeze(msgid))
            translated.add(_squeeze(text or ""))
    # German "Filter" translates "Filters" and is also the English msgid "Filter": not a leftover.
    return frozenset(out - translated)


def translation(language: str, msgid: str) -> str:
    """The catalogue's translation of one msgid."""
    return i18n.load(language).ugettext(msgid)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0
        self._open: list[bool] = []  # per open element: does it skip its content?

    def handle_starttag(self, tag, attrs):
        # translate="no" (HTML) marks a stored value shown as it is, e.g. a picklist value beside its label.
        skips = tag in ("script", "style", "template") or dict(attrs).get("translate") == "no"
        if tag not in VOID:
            self._open.append(skips)
            self._skip += skips
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value:
                self.texts.append(_squeeze(value))

    def handle_endtag(self, tag):
        if tag not in VOID and self._open:
            self._skip -= self._open.pop()

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(_squeeze(data))


def shown_texts(html: str) -> list[str]:
    """Every text node and shown attribute of a page, whitespace squeezed."""
    parser = _Texts()
    parser.feed(html)
    parser.close()
    return parser.texts


def leftover_english(html: str, language: str, ignore: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Texts of the page that are a catalogue message in English where `language` has its own words."""
    english = english_of(language)
    return sorted({t for t in shown_texts(html) if t in english and t not in ignore})


def html_lang(html: str) -> str | None:
    """The page's <html lang>."""
    match = re.search(r'<html lang="([^"]+)"', html)
    return match.group(1) if match else None

"""The German and French catalogues hold every marked message, none fuzzy, placeholders intact."""
from __future__ import annotations

import importlib.util
import re

import pytest
from babel.messages.pofile import read_po

from graphcrm import i18n

_spec = importlib.util.spec_from_file_location("i18n_tool", i18n.TRANSLATIONS_DIR.parents[1] / "scripts/i18n.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]")


def _catalog(language):
    with tool.po_path(language).open("rb") as handle:
        return read_po(handle, locale=language)


def test_german_and_french_translate_every_marked_message():
    gaps = tool.missing()
    assert gaps == {"de": [], "fr": []}, "run `python3 scripts/i18n.py update` and translate what it lists"


@pytest.mark.parametrize("language", ["de", "fr"])
def test_translations_keep_every_placeholder(language):
    wrong = []
    for message in _catalog(language):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(set(PLACEHOLDER.findall(ids[-1])))
        for text in strings:
            if text and sorted(set(PLACEHOLDER.findall(text))) != wanted and not (
                    len(ids) == 2 and set(PLACEHOLDER.findall(text)) <= set(wanted)):
                wrong.append((ids[0], text))
    assert wrong == []


def test_swiss_german_writes_ss():
    assert [m.id for m in _catalog("de") if "ß" in str(m.string)] == []


def test_the_catalogues_compile_and_load(tmp_path):
    written = i18n.compile_catalogues(i18n.TRANSLATIONS_DIR, tmp_path)
    assert {p.parent.parent.name for p in written} == {"de", "fr", "en"}
    assert i18n.load("de_CH").ugettext("Sign in") != "Sign in"
    assert i18n.load("fr_FR").ugettext("Sign in") != "Sign in"
    assert i18n.load("tlh").ugettext("Sign in") == "Sign in"


def test_lazy_messages_translate_when_shown():
    text = i18n._l("Saved %(name)s.", name="Anna")
    assert str(text) == "Saved Anna." and f"{text}" == "Saved Anna." and text == "Saved Anna."


def test_the_command_line_speaks_its_locale(monkeypatch):
    monkeypatch.setenv("LC_ALL", "de_CH.UTF-8")
    assert i18n.cli_locale() == "de_CH"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert i18n.cli_locale() == "en"


def test_english_is_the_source_language_and_its_catalogue_adds_no_words():
    assert [m.id for m in _catalog("en") if m.id and any(m.string if isinstance(m.string, tuple) else [m.string])] == []

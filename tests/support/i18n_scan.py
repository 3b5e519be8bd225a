"""Find texts shown to people that are not marked for translation, in templates and scripts."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = (ROOT / "graphcrm/http/templates", ROOT / "graphcrm/transfer/templates")
SCRIPT_DIR = ROOT / "graphcrm/http/static/js"
# Words that are the same in every language we speak: the brand, the two forms of address, formats.
SAME_IN_EVERY_LANGUAGE = {"graphcrm", "du", "Sie", "CSV", "vCard", "LinkedIn", "XING", "X", "JSON", "HTML", "GraphML",
                          "CHF", "EUR", "API", "OK"}
# Attributes whose values people read (or hear, from a screen reader).
SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "data-confirm", "label"}
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
HOLE = "\x00"


def _human(text: str) -> bool:
    """True for text with a word in it that is not one of the words every language shares."""
    words = re.split(r"[\s\x00]+", text)
    rest = " ".join(w for w in words if w and w.strip("·—→…:()./,;|-") not in SAME_IN_EVERY_LANGUAGE)
    return bool(_WORD.search(rest))


class _TemplateText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        shown = dict(attrs)
        for name, value in attrs:
            submit = name == "value" and tag == "input" and shown.get("type") in ("submit", "button")
            if value and (name in SHOWN_ATTRIBUTES or submit) and _human(value):
                self.found.append((self.getpos()[0], f"{name}={value!r}"))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and _human(data):
            self.found.append((self.getpos()[0], data.strip()))


def unmarked_in_template(path: Path) -> list[str]:
    """Texts of a template outside {{ _() }}: 'file:line: text'."""
    source = _JINJA_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), path.read_text(encoding="utf-8"))
    # Expressions become holes (keeping line numbers); what is left is what the template says itself.
    source = _JINJA.sub(lambda m: HOLE + "\n" * m.group().count("\n"), source)
    parser = _TemplateText()
    parser.feed(source)
    parser.close()
    return [f"{path.relative_to(ROOT)}:{line}: {text}" for line, text in parser.found]


_STRING = re.compile(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')""")
_LITERAL = r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
_MARKED = re.compile(rf"\btn?\(\s*{_LITERAL}(\s*,\s*{_LITERAL})?")
_LOOKS_SHOWN = re.compile(r"[A-Za-zÀ-ÿ]{2,}[^\s]*\s+[^\s]*[A-Za-zÀ-ÿ]|^[A-Z][a-zà-ÿ]{2,}[.!?:]?$")
NOT_SHOWN = "// i18n: not shown"


def _without_comments(line: str, in_block: bool) -> tuple[str, bool]:
    """A line of script without its comments (strings kept), and whether a block comment goes on."""
    out, i = [], 0
    while i < len(line):
        if in_block:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out), True
            i, in_block = end + 2, False
            continue
        ch = line[i]
        if ch in "\"'":
            match = _STRING.match(line, i)
            if match:
                out.append(match.group())
                i = match.end()
                continue
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            in_block, i = True, i + 2
            continue
        out.append(ch)
        i += 1
    return "".join(out), in_block


def unmarked_in_script(path: Path) -> list[str]:
    """String literals of a script that read like text for people but are not in t()/tn()."""
    found, in_block = [], False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        code, in_block = _without_comments(raw, in_block)
        if NOT_SHOWN in raw:
            continue
        code = _MARKED.sub("t()", code)
        for literal in _STRING.findall(code):
            text = literal[1:-1]
            if text == "use strict" or text.startswith(("#", ".", "[", "/")):  # directives, selectors, paths
                continue
            if _LOOKS_SHOWN.search(text) and _human(text):
                found.append(f"{path.relative_to(ROOT)}:{number}: {literal}")
    return found


def templates() -> list[Path]:
    """Every template of the app."""
    return sorted(p for d in TEMPLATE_DIRS if d.exists() for p in d.rglob("*.html"))


def scripts() -> list[Path]:
    """Every script of ours (not the vendored libraries)."""
    return sorted(SCRIPT_DIR.glob("*.js"))

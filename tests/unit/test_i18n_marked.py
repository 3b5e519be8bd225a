"""Every text a page or script shows is marked for translation, and the scanner finds what is not."""
from __future__ import annotations

import pytest

from tests.support import i18n_scan


@pytest.mark.parametrize("path", i18n_scan.templates(), ids=lambda p: f"template-{p.name}")
def test_template_texts_are_marked(path):
    assert i18n_scan.unmarked_in_template(path) == []


@pytest.mark.parametrize("path", i18n_scan.scripts(), ids=lambda p: f"js-{p.name}")
def test_script_texts_are_marked(path):
    assert i18n_scan.unmarked_in_script(path) == []


def test_the_template_scanner_finds_unmarked_text(tmp_path, monkeypatch):
    page = tmp_path / "page.html"
    page.write_text('<h1>{{ _("Accounts") }}</h1>\n<p>Nobody is overdue.</p>\n'
                    '<input type="search" placeholder="Search people">\n{# a comment #}<b>{{ name }}</b> · du\n'
                    '<button title="{{ _(\'Save\') }}">{{ _("Save") }}</button><script>var x = "Not me";</script>')
    monkeypatch.setattr(i18n_scan, "ROOT", tmp_path)
    found = i18n_scan.unmarked_in_template(page)
    assert found == ["page.html:2: Nobody is overdue.", "page.html:3: placeholder='Search people'"]


def test_the_script_scanner_finds_unmarked_text(tmp_path, monkeypatch):
    script = tmp_path / "x.js"
    script.write_text('var a = t("Open page"), b = tn("%(num)d person", "%(num)d people", n);\n'
                      'el.textContent = "No path found";\n'
                      'var sel = "#explore .node"; // a comment with "Some words"\n'
                      'var key = "Accept"; // i18n: not shown\n'
                      'button.title = "Close";\n')
    monkeypatch.setattr(i18n_scan, "ROOT", tmp_path)
    found = i18n_scan.unmarked_in_script(script)
    assert found == ['x.js:2: "No path found"', 'x.js:5: "Close"']

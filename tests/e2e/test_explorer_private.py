"""The explorer with people private to their owner's team: a hidden person is "someone at ..."."""
from __future__ import annotations

import pytest

from tests.support.graphdata import build, node

pytestmark = pytest.mark.e2e


@pytest.fixture
def app(private_app):
    """The app with private sharing (overrides the conftest's `app`, which the live server serves)."""
    return private_app


def test_a_hidden_person_renders_as_someone_at_their_account_and_cannot_be_opened(db, signed_in):
    page, user = signed_in
    me, otto = {"kind": "user", "id": user["id"]}, node("user", "Otto Other")
    acme = node("account", "ACME Bergbahnen")
    anna, peter = node("person", "Annabel Kellerhals"), node("person", "Peter Frei")
    build(db, [otto, acme, anna, peter], [
        ("EMPLOYS", acme, anna, {"title": "Chief Frobnicator"}), ("EMPLOYS", acme, peter),
        ("OWNS", me, peter), ("OWNS", otto, anna)])
    page.goto(f"{page.base_url}/explore?center={acme['id']}&depth=1")
    page.wait_for_selector("#graph[data-state='ready']")
    labels = page.evaluate("() => document.getElementById('graph').__network.body.data.nodes.get()"
                           ".map(n => n.label).sort()")
    assert "someone at ACME Bergbahnen" in labels and "Peter Frei" in labels
    assert "Annabel" not in page.content()
    hidden = page.evaluate("() => document.getElementById('graph').__network.body.data.nodes.get()"
                           ".find(n => n.label === 'someone at ACME Bergbahnen').id")
    assert hidden.startswith("hidden:")
    # Its panel has no page link and no way to open its network; a double-click asks nothing of the server.
    page.evaluate("id => { const n = document.getElementById('graph').__network; n.selectNodes([id]);"
                  " n.emit('selectNode', {nodes: [id]}); }", hidden)
    panel = page.inner_text("#explore-panel-body")
    assert "not shared with you" in panel
    assert page.locator("#explore-panel-body a").count() == 0
    assert "Expand" not in panel and "Center here" not in panel
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "/api/" in r.url else None)
    page.evaluate("id => document.getElementById('graph').__network.emit('doubleClick', {nodes: [id]})", hidden)
    assert "not shared with you" in page.inner_text("#explore-status")
    assert requests == [] and page.get_attribute("#graph", "data-state") == "ready"

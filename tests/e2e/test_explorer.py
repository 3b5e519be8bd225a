"""The explorer and the influence map in a real browser."""
from __future__ import annotations

import pytest

from tests.support.graphdata import build, deal_world, node

pytestmark = pytest.mark.e2e
HOSTILE = "<img src=x onerror=alert(1)> \"q\" `b` MATCH (n) DETACH DELETE n"


def graph_state(page, state="ready"):
    page.wait_for_selector(f"#graph[data-state='{state}']")
    return {k: page.get_attribute("#graph", f"data-{k}") for k in ("nodes", "edges", "edge-types")}


def test_open_the_explorer_from_search_expand_and_filter(db, signed_in):
    page, user = signed_in
    w = deal_world(db, user)
    page.goto(f"{page.base_url}/explore")
    page.select_option("select[name=depth]", "1")
    page.fill("#explore-q", "ACME")
    page.click("#explore-hits button.hit")
    state = graph_state(page)
    assert state["nodes"] == "4"  # ACME, Anna, Peter and the deal
    assert page.inner_text("#explore-status") == "Showing 4 of 4."
    # Double-click Peter: his neighbours (Karl, and the user who owns him) join the view.
    box = page.locator("#graph canvas").bounding_box()
    pos = page.evaluate("""id => {
        const net = document.getElementById('graph').__network;
        const p = net.canvasToDOM(net.getPositions([id])[id]); return p; }""", w["peter"]["id"])
    page.mouse.dblclick(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_function("() => document.getElementById('graph').getAttribute('data-nodes') === '6'")
    assert "KNOWS" in graph_state(page)["edge-types"]
    # Filter: without EMPLOYS the view from ACME keeps only the deal.
    page.uncheck("input[name=types][value=EMPLOYS]")
    page.wait_for_function(
        "() => document.getElementById('graph').getAttribute('data-edge-types') === 'HAS_OPPORTUNITY'")
    assert graph_state(page)["nodes"] == "2"


def test_the_influence_view_highlights_a_path(db, signed_in):
    page, user = signed_in
    w = deal_world(db, user)
    page.goto(f"{page.base_url}/opportunities/{w['deal']['id']}/influence")
    graph_state(page)
    assert int(page.get_attribute("#graph", "data-highlighted-edges")) >= 2
    assert page.get_attribute("#graph", "data-highlighted-path") == "0"
    assert "You met Peter Frei once" in page.inner_text(".path-list li.active")
    assert "Economic Buyer" in page.inner_text("#uncovered")


def test_hostile_text_shows_as_plain_text_in_the_explorer(db, signed_in):
    page, _user = signed_in
    evil, acme = node("person", "x"), node("account", HOSTILE)
    evil.update(first_name=HOSTILE, last_name="Evil", title=HOSTILE)
    build(db, [evil, acme], [("EMPLOYS", acme, evil, {"title": HOSTILE})])
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{page.base_url}/explore?center={evil['id']}")
    graph_state(page)
    page.evaluate("id => document.getElementById('graph').__network.selectNodes([id])", evil["id"])
    page.evaluate("id => document.getElementById('graph').__network.emit('selectNode', {nodes: [id]})", evil["id"])
    panel = page.inner_text("#explore-panel-body")
    assert HOSTILE in panel
    assert page.locator("#explore-panel img, #graph img, .vis-tooltip img").count() == 0
    assert dialogs == []

"""The map page in a real browser, with the tile server unreachable (no request leaves the machine)."""

from __future__ import annotations

import socket
import uuid

import pytest
from neo4j.spatial import WGS84Point

pytestmark = pytest.mark.e2e
HOSTILE = "<img src=x onerror=alert(1)> AG"


def closed_port() -> int:
    """A loopback port nothing listens on: bound, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def located(db, kind: str, name: str, lat: float, lon: float, **props) -> str:
    record = {
        "id": str(uuid.uuid4()),
        "location": WGS84Point((lon, lat)),
        "sort_key": name.lower(),
        **props,
    }
    if kind == "Person":
        record["first_name"], record["last_name"] = name.split(" ", 1)
    else:
        record["name"] = name
    db.run_raw(f"CREATE (n:{kind}) SET n = $row, n.created_at = datetime()", row=record)
    return record["id"]


@pytest.fixture
def map_world(db, app):
    """Three records in three cities, one with a hostile name; tiles from a port nobody answers."""
    port = closed_port()
    app.config["GRAPHCRM_TILE_URL"] = f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"
    ids = {
        "basel": located(db, "Account", "Rhein AG", 47.5596, 7.5886, city="Basel", type="customer"),
        "zurich": located(db, "Account", HOSTILE, 47.3769, 8.5417, city="Zürich"),
        "bern": located(db, "Person", "Berta Bern", 46.948, 7.4474, city="Bern", status="active"),
    }
    return port, ids


@pytest.fixture
def map_page(map_world, signed_in):
    """The signed-in page; afterwards the tile failures (and only they) are taken off its error list."""
    port, _ = map_world
    page, _ = signed_in
    failed_urls: list[str] = []
    page.on(
        "console",
        lambda msg: (
            failed_urls.append(msg.location.get("url", ""))
            if msg.type == "error" and "Failed to load resource" in msg.text
            else None
        ),
    )
    yield page
    page.goto("about:blank")  # no more tile requests after this
    # Every "Failed to load resource" was a tile from the configured, closed port: those are expected.
    assert all(url.startswith(f"http://127.0.0.1:{port}/") for url in failed_urls), failed_urls
    tiles = [e for e in page.watch.errors if e.startswith("console: Failed to load resource")]
    assert len(tiles) == len(failed_urls)
    page.watch.errors[:] = [e for e in page.watch.errors if e not in tiles]


def test_the_map_shows_markers_on_a_plain_background_when_tiles_fail(map_world, map_page):
    _, ids = map_world
    page = map_page
    page.goto(f"{page.base_url}/map")
    page.wait_for_selector("#geo[data-marker-count='3']")
    assert page.locator(".leaflet-marker-icon.geo-pin").count() == 3
    page.wait_for_selector("#map-notice:not([hidden])")
    assert "plain background" in page.inner_text("#map-notice")
    assert page.locator("#map.geo-plain").count() == 1

    # The hostile name is text in its popup, never markup.
    page.click(f".geo-pin[title='{HOSTILE}']")
    page.wait_for_selector(".geo-popup h3 a")
    assert page.inner_text(".geo-popup h3 a") == HOSTILE
    assert page.get_attribute(".geo-popup h3 a", "href") == f"/accounts/{ids['zurich']}"
    assert page.locator(".geo-popup img").count() == 0

    # The nearby panel: around an address, nearest first.
    page.fill("#nearby-address", "4051 Basel, CH")
    page.fill("#nearby-radius", "100")
    page.click("#nearby-form button[type=submit]")
    page.wait_for_selector("#nearby-results li")
    names = page.locator("#nearby-results .geo-result-head a").all_inner_texts()
    assert names[:2] == ["Rhein AG", "Berta Bern"] and HOSTILE in names
    assert any(e.startswith("console: Failed to load resource") for e in page.watch.errors)  # tiles were tried

    # Around the browser's own location (granted here, as a person would allow it): Bern.
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 46.95, "longitude": 7.45})
    page.check("input[name=from][value=me]")
    page.fill("#nearby-radius", "5")
    page.click("#nearby-form button[type=submit]")
    page.wait_for_function("() => document.getElementById('nearby-status').textContent.startsWith('1 within 5 km')")
    assert page.locator("#nearby-results .geo-result-head a").all_inner_texts() == ["Berta Bern"]


def test_dragging_a_marker_pins_the_record_there(db, map_world, map_page):
    _, ids = map_world
    page = map_page
    page.goto(f"{page.base_url}/map")
    page.wait_for_selector("#geo[data-marker-count='3']")
    box = page.locator(".geo-pin[title='Rhein AG']").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y + 30, steps=8)
    page.mouse.up()
    page.wait_for_function("() => document.getElementById('map-status').textContent.startsWith('Saved')")
    row = db.run_raw(
        "MATCH (a:Account {id: $id}) RETURN a.location_source AS s, a.location AS loc",
        id=ids["basel"],
    )[0]
    assert row["s"] == "manual"
    assert row["loc"].latitude < 47.5596 and row["loc"].longitude > 7.5886  # moved down and right

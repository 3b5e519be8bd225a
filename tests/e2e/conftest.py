"""Browser tests: the app served on 127.0.0.1 in a thread, driven by Debian's headless Chromium.

Every test fails if the page logged a console error, threw, or asked any host but 127.0.0.1.
"""
from __future__ import annotations

import threading
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PASSWORD = "correct horse battery"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def live_server(app):
    """The app on a free port of 127.0.0.1, served from a background thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watch:
    """What a page did that it must not: console errors, uncaught errors, requests to other hosts."""

    def __init__(self):
        self.errors: list[str] = []
        self.foreign: list[str] = []

    def console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            self.foreign.append(request.url)


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh page; the test fails afterwards if it logged errors or reached another host."""
    context = chromium.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900}, locale="en-CH")
    page = watched_page(context, live_server)
    yield page
    context.close()
    assert page.watch.errors == [], page.watch.errors
    assert page.watch.foreign == [], page.watch.foreign


def watched_page(context, base_url: str):
    """A new page of `context` whose errors and requests to other hosts land in `page.watch`."""
    # The app has no favicon yet (base.html declares none); answer the browser's automatic request
    # here so its 404 does not count as a page error.
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page = context.new_page()
    page.set_default_timeout(20_000)
    watch = Watch()
    page.on("console", watch.console)
    page.on("pageerror", lambda exc: watch.errors.append(f"page error: {exc}"))
    page.on("request", watch.request)
    page.base_url = base_url
    page.watch = watch
    return page


def sign_in(page, base_url: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through the form and wait for the home page."""
    page.goto(f"{base_url}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")


@pytest.fixture
def signed_in(db, browser_page):
    """The page signed in as a rep; returns (page, user)."""
    from graphcrm.access.users import create_user

    user = create_user(db, email="rep@example.ch", name="Ursula Rep", role="rep", password=PASSWORD)
    sign_in(browser_page, browser_page.base_url, user["email"])
    return browser_page, user


@pytest.fixture
def phone_page(chromium, live_server):
    """Opens phone-sized touch pages that fail the test on console errors, failed requests or other hosts."""
    contexts, problems = [], []

    def open_page(**context_options):
        context = chromium.new_context(viewport=PHONE, has_touch=True, locale="en-CH", **context_options)
        context.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("console", lambda m: problems.append(f"{m.text} {m.location}") if m.type == "error" else None)
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        page.on("request", lambda r: problems.append(r.url) if urlsplit(r.url).scheme in ("http", "https")
                and urlsplit(r.url).hostname != "127.0.0.1" else None)
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("dialog", lambda dialog: dialog.accept())  # "are you sure?" confirmations
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert problems == []

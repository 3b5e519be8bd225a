"""Pages as a person uses them: sign in through the form, send the session's CSRF token, read sections."""
from __future__ import annotations

import re

from graphcrm.access.users import create_user

PASSWORD = "correct horse battery"
EVIL = "<img src=x onerror=alert(1)>"
EVIL_QUOTES = "Evil\" autofocus onfocus=\"alert(1)"
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


class Browser:
    """A signed-in test client that sends the session's CSRF token with every form."""

    def __init__(self, client, user):
        self.client, self.user = client, user

    def csrf(self) -> str:
        html = self.client.get("/").get_data(as_text=True)
        return re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)

    def get(self, path):
        return self.client.get(path)

    def page(self, path) -> str:
        resp = self.client.get(path)
        assert resp.status_code == 200, (path, resp.status_code)
        return resp.get_data(as_text=True)

    def post(self, path, data):
        return self.client.post(path, data={"csrf_token": self.csrf(), **data})


def login_token(client) -> str:
    """The CSRF token of the sign-in form."""
    html = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(db, client, role="rep", email="max@example.ch", name="Max Muster") -> Browser:
    """Create a user and sign in through the form, as a person would."""
    user = create_user(db, email=email, name=name, role=role, password=PASSWORD)
    form = {"email": email, "password": PASSWORD, "csrf_token": login_token(client)}
    resp = client.post("/login", data=form)
    assert resp.status_code == 302
    return Browser(client, user)



def section(html: str, section_id: str) -> str:
    """Return the HTML of one <section id=...> of a page."""
    match = re.search(rf'<section[^>]*id="{section_id}".*?</section>', html, re.DOTALL)
    assert match, f"no section {section_id}"
    return match.group(0)

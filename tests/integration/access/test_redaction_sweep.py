"""The redaction sweep: every route and page, every sensitive field; a user who may not see a field
never receives its value in any response body (JSON, HTML, CSV, vCard, GraphML, standalone HTML).

The world gives each sensitive value a marker that appears nowhere else. Otto (rep) owns Annabel,
whose mobile changed (so the field history holds the old and the new number); Karl is unowned and
Rita claims him (a claim gains no sight); Otto's own employee data is sensitive too. Rita (a rep in
no one's team) and Vera (a viewer) then fetch every route the app has; an admin fetching the same
routes must find every marker, which proves the sweep looks where the values are.
"""
from __future__ import annotations

import re

import pytest

from graphcrm.access.policy import Access
from graphcrm.contacts import ownership
from graphcrm.model import Label
from graphcrm.records import crud as records
from graphcrm.records import relationships
from graphcrm.touchpoints import targets as kpi
from tests.support.apps import make_api

# Each sensitive value, and every form in which a response could carry it.
MARKERS = {
    "annabel mobile (old)": ("+41 79 123 98 76", ("+41791239876", "79 123 98 76", "791239876")),
    "annabel mobile (new)": ("+41 79 321 45 67", ("+41793214567", "79 321 45 67", "793214567")),
    "annabel birthdate": ("1931-11-29", ("1931",)),
    "annabel interests": (["Zitherspiel"], ("Zitherspiel",)),
    "karl mobile": ("+41 78 246 80 24", ("+41782468024", "78 246 80 24", "782468024")),
    "karl birthdate": ("1932-05-17", ("1932",)),
    "otto phone": ("+41 44 777 66 55", ("+41447776655", "44 777 66 55", "447776655")),
    "otto birthdate": ("1933-02-03", ("1933",)),
    "otto start date": ("2001-07-08", ("2001-07-08", "08.07.2001", "8 Jul 2001", "Jul 8, 2001")),
}
# Where a path parameter takes its values: (argument, the rule's first segment) -> world keys.
PATH_VALUES = {
    ("record_id", "people"): ("annabel", "karl"), ("person_id", "people"): ("annabel", "karl"),
    ("id", "people"): ("annabel", "karl"), ("record_id", "accounts"): ("acme",), ("id", "accounts"): ("acme",),
    ("account_id", "accounts"): ("acme",), ("record_id", "opportunities"): ("deal",),
    ("id", "opportunities"): ("deal",), ("opportunity_id", "opportunities"): ("deal",),
    ("record_id", "campaigns"): ("campaign",), ("id", "campaigns"): ("campaign",),
    ("campaign_id", "campaigns"): ("campaign",), ("id", "users"): ("otto_user",), ("target_id", "targets"): ("target",),
    ("job_id", "import"): ("no-such-job",), ("collection", "export"): ("people", "accounts", "opportunities"),
    ("tag", "i18n"): ("de-CH", "fr-FR"),
}
# Query strings that make a route show something (path parameters are filled in by PATH_VALUES).
QUERIES = {
    "pages.home": ["", "q=Kellerhals", "q=Knows"],
    "api.list_people": ["", "q=Kellerhals", "account={acme}"],
    "api.search_records": ["q=Kellerhals", "q=Zitherspiel", "q=Karl"],
    "graph.network_view": ["center={annabel}&depth=2", "center={acme}&depth=2", "center={karl}&depth=1"],
    "graph.export_network": ["center={acme}&depth=2&format=graphml", "center={acme}&depth=2&format=html"],
    "graph.explore": ["center={annabel}", "center={acme}"],
    "graph.find_paths": ["from={peter}&to={annabel}", "from={rita_user}&to={karl}"],
    "geo.nearby": ["near={acme}&radius_km=5&kind=person", "lat=47.5596&lon=7.5886&radius_km=5&kind=person"],
    "geo.map_markers": ["bbox=7.0,47.0,8.0,48.0&kind=person", "bbox=7.0,47.0,8.0,48.0&kind=account"],
    "geo.unplaced": ["kind=person"],
    "geo.map_page": ["", "near={annabel}"],
    "touchpoints.stale_report": ["days=0", "days=0&account={acme}"],
    "touchpoints.stale_page": ["days=0&owner=", "days=0&owner={otto_user}"],
    "touchpoints.stale_csv": ["days=0&owner="],
    "touchpoints.kpi_report": ["", "period=2026"],
    "touchpoints.kpi_page": ["", "period=2026"],
    "touchpoints.people_overdue": ["ids={annabel},{karl}"],
    "touchpoints.list_targets": ["", "scope_id={annabel}"],
    "contacts.list_duplicates": [""],
    "contacts.campaign_members": [""],
    "contacts.export_campaign_members": [""],
    "transfer.list_csv": ["", "q=Kellerhals"],
    "admin.audit_api": [""],
}
SKIPPED = {"static"}  # files of the front end, the same for everyone
SENSITIVE_POSTS = [
    # The view the browser shows, downloaded: the hover data of every node in two formats.
    ("/api/v1/network/export", {"format": "graphml", "nodes": ["{annabel}", "{karl}", "{acme}", "{otto_user}"]}),
    ("/api/v1/network/export", {"format": "html", "nodes": ["{annabel}", "{karl}", "{acme}", "{otto_user}"]}),
    # A rep logs a call with someone else's contact: the answer describes the participants.
    ("/api/v1/activities", {"kind": "call", "people": ["{annabel}", "{karl}"], "subject": "Call"}),
]


def _link(db, rel, start, end, **props):
    relationships.link(db, {"type": rel, "from": start, "to": end, "properties": props}, access=Access.system())


@pytest.fixture
def world(db, client):
    w = {"admin": make_api(db, client, "admin", "ada@example.ch"),
         "rita": make_api(db, client, "rep", "rita@example.ch"),
         "otto": make_api(db, client, "rep", "otto@example.ch"),
         "vera": make_api(db, client, "viewer", "vera@example.ch")}
    ids = {"rita_user": w["rita"].user["id"], "otto_user": w["otto"].user["id"]}
    records.update(db, Label.USER, ids["otto_user"], {"phone": MARKERS["otto phone"][0],
                                                      "birthdate": MARKERS["otto birthdate"][0],
                                                      "start_date": MARKERS["otto start date"][0]},
                   access=Access.system())
    acme = records.create(db, Label.ACCOUNT, {"name": "ACME Bergbahnen", "street": "Aeschenvorstadt 1",
                                              "postal_code": "4051", "city": "Basel", "country": "CH"},
                          access=Access.system())
    annabel = records.create(db, Label.PERSON, {
        "first_name": "Annabel", "last_name": "Kellerhals", "email": "annabel@acme.example",
        "mobile": MARKERS["annabel mobile (old)"][0], "birthdate": MARKERS["annabel birthdate"][0],
        "interests": MARKERS["annabel interests"][0], "city": "Basel", "country": "CH"}, access=Access.system())
    records.update(db, Label.PERSON, annabel["id"], {"mobile": MARKERS["annabel mobile (new)"][0]},
                   access=Access.system())
    karl = records.create(db, Label.PERSON, {"first_name": "Karl", "last_name": "Knows",
                                             "mobile": MARKERS["karl mobile"][0],
                                             "birthdate": MARKERS["karl birthdate"][0], "city": "Basel"},
                          access=Access.system())
    peter = records.create(db, Label.PERSON, {"first_name": "Peter", "last_name": "Frei", "city": "Basel"},
                           access=Access.system())
    deal = records.create(db, Label.OPPORTUNITY, {"name": "Cloud Deal", "stage": "Qualification"},
                          access=Access.system())
    campaign = records.create(db, Label.CAMPAIGN, {"name": "Spring Apero"}, access=Access.system())
    for person in (annabel, karl, peter):
        _link(db, "EMPLOYS", acme["id"], person["id"], primary=True)
    _link(db, "HAS_OPPORTUNITY", acme["id"], deal["id"])
    _link(db, "CONTACT_ROLE", annabel["id"], deal["id"], role="Decision Maker")
    _link(db, "KNOWS", peter["id"], annabel["id"])
    _link(db, "KNOWS", peter["id"], karl["id"])
    _link(db, "MEMBER_OF", annabel["id"], campaign["id"], status="sent")
    _link(db, "MEMBER_OF", karl["id"], campaign["id"], status="sent")
    ownership.set_owner(db, annabel["id"], {"user": ids["otto_user"]}, access=Access.system())
    ownership.set_owner(db, acme["id"], {"user": ids["otto_user"]}, access=Access.system())
    ownership.set_owner(db, peter["id"], {"user": ids["rita_user"]}, access=Access.system())
    w["otto"].post("/activities", {"kind": "meeting", "people": [annabel["id"], karl["id"]], "subject": "Lunch"})
    target = kpi.create_target(db, {"scope": "person", "scope_id": annabel["id"], "period": "month",
                                    "min_touchpoints": 2}, access=Access.system())
    # Rita claims the unowned Karl: she may, and it is audited, but she gains no sight of his fields.
    claim = w["rita"].put(f"/people/{karl['id']}/owner", {"user": ids["rita_user"], "address": "sie"})
    assert claim.status_code == 200, claim.json
    ids.update(acme=acme["id"], annabel=annabel["id"], karl=karl["id"], peter=peter["id"], deal=deal["id"],
               campaign=campaign["id"], target=target["id"])
    w["ids"] = ids
    return w


def _urls(app, ids: dict) -> list[tuple[str, str]]:
    """(endpoint, url) for every GET route of the app, its parameters filled from the world."""
    out = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIPPED:
            continue
        segments = [s for s in rule.rule.split("/") if s and not s.startswith("<") and s not in ("api", "v1", "admin")]
        area = segments[0] if segments else ""
        choices = [{}]
        for arg in sorted(rule.arguments):
            values = PATH_VALUES.get((arg, area))
            assert values is not None, f"the sweep does not know how to fill <{arg}> of {rule.rule}: add it"
            choices = [{**c, arg: ids.get(v, v)} for c in choices for v in values]
        for args in choices:
            path = rule.rule
            for name, value in args.items():
                path = re.sub(rf"<(?:\w+:)?{name}>", value, path)
            for query in QUERIES.get(rule.endpoint, [""]):
                out.append((rule.endpoint, path + ("?" + query.format(**ids) if query else "")))
    return out


def _fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return {k: _fill(v, ids) for k, v in value.items()}


def _sweep(app, api, ids) -> tuple[dict[str, list[str]], list[tuple[str, int]], int]:
    """Fetch every route as one user (signed in through the form); return marker -> urls, 5xx answers, 200s."""
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    resp = client.post("/login", data={"email": api.user["email"], "password": "correct horse battery",
                                       "csrf_token": token})
    assert resp.status_code == 302
    csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', client.get("/").get_data(as_text=True)).group(1)
    found: dict[str, list[str]] = {}
    errors, ok = [], 0
    requests = [("GET", url, None) for _, url in _urls(app, ids)]
    requests += [("POST", url, _fill(body, ids)) for url, body in SENSITIVE_POSTS]
    for method, url, body in requests:
        if method == "GET":
            resp = client.get(url)
        else:
            resp = client.post(url, json=body, headers={"X-CSRF-Token": csrf})
        if resp.status_code >= 500:
            errors.append((url, resp.status_code))
        ok += resp.status_code in (200, 201)
        text = resp.get_data(as_text=True)
        for name, (_, forms) in MARKERS.items():
            if any(form in text for form in forms):
                found.setdefault(name, []).append(url)
    return found, errors, ok


@pytest.mark.parametrize("who", ["rita", "vera"])
def test_no_response_carries_a_sensitive_value_to_a_user_who_may_not_see_it(app, world, who):
    found, errors, ok = _sweep(app, world[who], world["ids"])
    assert not errors
    assert ok >= 80  # the sweep really read the pages (a broken sign-in would pass it trivially)
    assert found == {}, f"{who} received sensitive values: {found}"


def test_an_admin_sweeping_the_same_routes_finds_every_sensitive_value(app, world):
    found, errors, _ = _sweep(app, world["admin"], world["ids"])
    assert not errors
    assert set(found) == set(MARKERS)


def test_a_rep_sees_that_a_hidden_field_changed_but_not_its_values(world):
    rita, otto = world["rita"], world["otto"]
    annabel = world["ids"]["annabel"]
    hidden = [c for c in rita.get(f"/people/{annabel}/history").json["items"] if c["field"] == "mobile"]
    assert hidden and all(c.get("hidden") and c["old"] is None and c["new"] is None for c in hidden)
    shown = [c for c in otto.get(f"/people/{annabel}/history").json["items"] if c["field"] == "mobile"]
    assert shown[0]["new"] == "+41793214567" and not shown[0].get("hidden")


def test_a_claim_is_audited_and_an_admin_assignment_gives_the_new_owner_sight(world):
    admin, rita = world["admin"], world["rita"]
    karl = world["ids"]["karl"]
    assert "sign_in" not in [e["action"] for e in admin.get("/audit?action=claim").json["items"]]
    claims = admin.get("/audit?action=claim").json["items"]
    assert len(claims) == 1 and karl in claims[0]["path"]
    assert "mobile" not in rita.get(f"/people/{karl}").json
    resp = admin.put(f"/people/{karl}/owner", {"user": rita.user["id"], "address": "du"})
    assert resp.status_code == 200
    assert rita.get(f"/people/{karl}").json["mobile"] == "+41782468024"

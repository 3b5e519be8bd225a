"""Exports in the shape of three real orgs import whole, and every value of every record cell is kept.

The orgs (tests/fixtures/sf_orgs, each with a README listing its unusual cases): a US nonprofit on NPSP
(households, US addresses without a country, its own stages and member statuses), an enterprise org
exported with Data Loader (upper-case headers, files named by the user, custom fields, OpportunityStage),
and a German-speaking org exported as Windows-1252.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from graphcrm.model.validation import normalize_phone
from graphcrm.places.countries import country_code
from graphcrm.transfer.salesforce.csvfiles import CsvFile, find_files
from graphcrm.transfer.salesforce.importer import FILE_NAMES, import_salesforce
from graphcrm.transfer.salesforce.values import note_text

ORGS = Path(__file__).resolve().parents[2] / "fixtures" / "sf_orgs"
# The files that become records, and where the API shows them.
RECORDS = {"User": "users", "Account": "accounts", "Contact": "people", "Lead": "people", "Campaign": "campaigns",
           "Opportunity": "opportunities"}
# Files whose rows become activities or field history: found by their sf_id (a snapshot: "<id>:<field>").
ACTIVITIES = ("Task", "Event", "Note", "ContentNote")
HISTORIES = ("ContactHistory", "AccountHistory", "OpportunityFieldHistory", "OpportunityHistory")
# Files whose rows become relationships, found by their sf_id on the relationship.
LINKS = ("OpportunityContactRole", "AccountContactRelation", "AccountPartner", "CampaignMember", "EventRelation",
         "TaskRelation", "ContentDocumentLink")
PEOPLE_AND_RECORDS = ("003", "00Q", "001", "006")
ID_RE = re.compile(r"^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$")


def _org(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(ORGS / name, target, ignore=shutil.ignore_patterns("*.md"))
    return target


def _flat(value) -> list:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _flat(v)]
    if isinstance(value, list):
        return [x for v in value for x in _flat(v)]
    if hasattr(value, "iso_format"):  # a date or time read from the database, as the API would send it
        return [value.iso_format()]
    return [value]


def _same_moment(cell: str, value) -> bool:
    try:
        a = dt.datetime.fromisoformat(cell.replace("Z", "+00:00"))
        b = dt.datetime.fromisoformat(str(value)[:26].rstrip("0").rstrip(".") + str(value)[29:]
                                      if len(str(value)) > 29 else str(value))
    except ValueError:
        return False
    if a.tzinfo is None:
        a = a.replace(tzinfo=dt.UTC)
    return b.tzinfo is not None and a == b


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _digits(text) -> str:
    return re.sub(r"\D", "", str(text))


def kept(cell: str, values: list) -> bool:
    """True when a cell's value is among a record's values, as typed or normalized."""
    texts = {str(v).strip().casefold() for v in values if v is not None}
    low = cell.strip().casefold()
    if low in texts or low.replace(" ", "_") in texts:
        return True
    if country_code(cell) and country_code(cell).casefold() in texts:
        return True
    try:
        number = float(cell)
        if any(isinstance(v, (int, float)) and not isinstance(v, bool) and float(v) == number for v in values):
            return True
        if any(isinstance(v, str) and _number(v) == number for v in values):  # a number kept as text
            return True
    except ValueError:
        pass
    if low in ("true", "false") and any(isinstance(v, bool) and v == (low == "true") for v in values):
        return True
    if "T" in cell and any(_same_moment(cell, v) for v in values if isinstance(v, str) and "T" in v):
        return True
    if any(str(v).casefold() in (f"https://{low}", f"http://{low}") for v in values):  # a website, schemed
        return True
    for region in ("CH", "DE", "AT", "US", "GB", "CA"):  # a phone number in E.164
        try:
            if normalize_phone(cell, region).casefold() in texts:
                return True
        except ValueError:
            continue
    return False


def _walk(db, api, folder: Path) -> list[str]:
    """Every non-empty cell of every record file not found on its record: "file line column value"."""
    found, _ignored = find_files(folder, FILE_NAMES)
    missing = []
    for obj in (*RECORDS, *ACTIVITIES, *HISTORIES, *LINKS):
        if obj not in found:
            continue
        csv_file = CsvFile(found[obj])
        for line, row in csv_file.rows():
            if row.get("isdeleted") == "true" or (obj in LINKS and _not_a_link(obj, row, "Lead" in found)):
                continue
            values = _values(db, api, obj, _id18(db, row["id"]), row)
            if values is None:
                continue  # a row skipped on purpose (a note shared with a user only): counted in the report
            assert values, f"{csv_file.name} line {line}: record {row['id']} was not imported"
            for column, cell in row.items():
                if not cell or column in ("isdeleted", "id"):  # the row was found by its id
                    continue
                if ID_RE.match(cell) and any(ch.isdigit() for ch in cell):
                    # A reference: the record it names was imported (or is the record itself).
                    # A converted lead's id is kept on the contact it became (sf_lead_ids).
                    if db.run_raw("MATCH (n {sf_id: $s}) RETURN n.id UNION MATCH (n:Person) WHERE $s IN "
                                  "n.sf_lead_ids RETURN n.id", s=_id18(db, cell)) or kept(cell, values):
                        continue
                if column == "roles" or ";" in cell:  # a multi-select picklist: each part on its own
                    if all(kept(part, values) for part in cell.split(";") if part.strip()):
                        continue
                if not kept(cell, values):
                    missing.append(f"{csv_file.name} line {line} {csv_file.original[column]} {cell[:40]!r}")
    return missing


def _values(db, api, obj: str, sf_id: str, row: dict) -> list | None:
    """Every value the app keeps of one row: the record through the API, an activity or change as stored."""
    if obj in RECORDS:
        hit = db.run_raw("MATCH (n {sf_id: $s}) RETURN n.id AS id UNION "
                         "MATCH (n:Person) WHERE $s IN n.sf_lead_ids RETURN n.id AS id", s=sf_id)
        if not hit:
            return []
        values = _flat(api.get(f"/{RECORDS[obj]}/{hit[0]['id']}").json)
        # The owner's du or Sie lives on the owner's link (OWNS), not on the record.
        return values + [r["address"] for r in db.run_raw(
            "MATCH (:User)-[o:OWNS]->({id: $id}) RETURN o.address AS address", id=hit[0]["id"])]
    if obj in ACTIVITIES:
        if obj == "Note" and row.get("parentid", "").startswith("00Q") and "Lead" not in FILE_NAMES:
            return None
        hit = db.run_raw("MATCH (a:Activity {sf_id: $s}) RETURN properties(a) AS a", s=sf_id)
        if not hit:
            return []
        values = _flat(hit[0]["a"])
        if row.get("content"):
            values.append(row["content"] if note_text(row["content"]) in values else None)
        return values
    if obj in LINKS:
        hit = db.run_raw("MATCH ()-[r {sf_id: $s}]->() RETURN properties(r) AS r", s=sf_id)
        return [x for h in hit for x in _flat(h["r"])]
    hit = db.run_raw("MATCH (c:Change) WHERE c.sf_id = $s OR c.sf_id STARTS WITH $s + ':' "
                     "RETURN properties(c) AS c", s=sf_id)
    return [x for h in hit for x in _flat(h["c"])]


def _not_a_link(obj: str, row: dict, leads: bool) -> bool:
    """A link row the import skips on purpose (counted in its report): it links no two records of ours."""
    if obj == "AccountPartner":
        return not row.get("accountfromid")  # a partner of an opportunity
    if obj in ("EventRelation", "TaskRelation"):
        return row.get("iswhat") == "true" or not row.get("relationid", "").startswith(("003", "00Q"))
    if obj == "ContentDocumentLink":
        return not row.get("linkedentityid", "").startswith(PEOPLE_AND_RECORDS)
    if obj == "CampaignMember":
        return not row.get("contactid") and not leads
    return False


def _id18(db, value: str) -> str:
    from graphcrm.transfer.salesforce.sfids import to18

    try:
        return to18(value)
    except ValueError:
        return value


@pytest.mark.parametrize("org", ["nonprofit", "enterprise", "german"])
def test_a_real_org_imports_whole_and_keeps_every_value(db, api, tmp_path, org):
    folder = _org(tmp_path, org)
    report = import_salesforce(db, folder)
    assert report.written and not report.rejected, report.summary()
    missing = _walk(db, api, folder)
    assert missing == [], "\n".join(missing)
    # Re-importing the same export changes nothing.
    again = import_salesforce(db, folder)
    assert not again.rejected
    assert all(stats.created == 0 and stats.updated == 0 for stats in again.files.values()
               if stats.object in RECORDS), again.summary()


def test_the_orgs_own_stages_statuses_and_phones_are_kept(db, api, tmp_path):
    report = import_salesforce(db, _org(tmp_path, "nonprofit"))
    assert report.written
    deals = {d["name"]: d for d in api.get("/opportunities?limit=500").json["items"]}
    posted = next(d for d in deals.values() if d["stage"] == "Posted")
    assert posted["is_closed"] is True and posted["is_won"] is True
    assert any(d["stage"] == "Pledged" and d["is_closed"] is False for d in deals.values())
    picklists = {p["name"]: [v["value"] for v in p["values"]] for p in api.get("/picklists").json["items"]}
    assert {"Posted", "Pledged"} <= set(picklists["stage"])
    assert "Attended" in picklists["member_status"] and "Household" in picklists["account_type"]
    # US numbers of contacts with a state but no country are read as US numbers.
    people = api.get("/people?limit=500").json["items"]
    assert any((p.get("phone") or "").startswith("+1") for p in people)
    # A deal may now be moved to one of the org's stages through the API, and not to a made-up one.
    assert api.patch(f"/opportunities/{posted['id']}", {"stage": "Pledged"}).status_code == 200
    bad = api.patch(f"/opportunities/{posted['id']}", {"stage": "Made Up"})
    assert bad.status_code == 422 and "stage" in bad.json["fields"]


def test_an_inactive_relation_without_an_end_is_a_former_job_with_an_unknown_end(db, tmp_path):
    folder = _org(tmp_path, "german")
    path = folder / "AccountContactRelation.csv"
    with path.open(encoding="cp1252", newline="") as fh:
        rows = list(csv.reader(fh))
    head = [h.lower() for h in rows[0]]
    row = rows[1]
    row[head.index("isactive")], row[head.index("enddate")] = "false", ""
    for column in ("lastmodifieddate", "createddate"):
        if column in head:
            row[head.index(column)] = ""
    with path.open("w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    report = import_salesforce(db, folder)
    assert report.written and not report.rejected
    assert "unknown end" in report.path.read_text(encoding="utf-8")


def test_custom_fields_survive_the_backup_round_trip_with_their_types(db, api, tmp_path):
    from graphcrm.transfer.backup import export_json, import_json

    import_salesforce(db, _org(tmp_path, "german"))
    person = next(p for p in api.get("/people?limit=500").json["items"] if (p.get("custom") or {}).get(
        "Verwaltungsratsmandate__c") is not None)
    before = person["custom"]
    export_json(db, tmp_path / "backup.json")
    db.run_raw("MATCH (n) DETACH DELETE n")
    import_json(db, tmp_path / "backup.json")
    after = api.get(f"/people/{person['id']}").json["custom"]
    assert after == before
    assert isinstance(after["Verwaltungsratsmandate__c"], int) and isinstance(after["Geburtstag_Karte__c"], bool)


def test_a_mapping_file_puts_the_orgs_custom_fields_into_model_fields(db, api, tmp_path):
    folder = _org(tmp_path, "nonprofit")
    with (folder / "Contact.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    moved = {r["Id"]: r["npe01__WorkPhone__c"] for r in rows if r["npe01__WorkPhone__c"] and not r["MobilePhone"]}
    assert moved  # the fixture has contacts with a work phone and no mobile
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[Contact]\nnpe01__WorkPhone__c = "mobile"\n', encoding="utf-8")
    report = import_salesforce(db, folder, mapping=mapping, country="US")
    assert report.written and not report.rejected
    for sf_id, work_phone in moved.items():
        person_id = db.run_raw("MATCH (p:Person {sf_id: $s}) RETURN p.id AS id", s=_id18(db, sf_id))[0]["id"]
        person = api.get(f"/people/{person_id}").json
        assert kept(work_phone, [person["mobile"]]) and "npe01__WorkPhone__c" not in person.get("custom", {})


@pytest.mark.parametrize("text, says", [
    ('[Contact]\nnpe01__WorkPhone__c = "shoe_size"\n', "not a field of Contact"),
    ('[Widget]\nFoo__c = "email"\n', "not an object the import maps"),
    ('[Contact\n', "not valid TOML"),
])
def test_a_bad_mapping_file_is_refused_naming_the_file_and_nothing_is_written(db, tmp_path, text, says):
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(text, encoding="utf-8")
    report = import_salesforce(db, _org(tmp_path, "german"), mapping=mapping)
    assert report.fatal and "mapping.toml" in report.fatal and says in report.fatal
    assert db.run_raw("MATCH (n:Person) RETURN count(n) AS n")[0]["n"] == 0


def test_kept_fields_are_found_by_the_search(db, api, tmp_path):
    folder = _org(tmp_path, "german")
    path = folder / "Contact.csv"
    with path.open(encoding="cp1252", newline="") as fh:
        rows = list(csv.reader(fh))
    column = [h.lower() for h in rows[0]].index("sprache__c")
    rows[1][column] = "Quastenflosser-Dialekt"
    with path.open("w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    import_salesforce(db, folder)
    hits = api.get("/search?q=Quastenflosser-Dialekt").json["items"]
    assert [h["kind"] for h in hits] == ["person"], hits
    person = api.get(f"/people/{hits[0]['id']}").json
    assert person["custom"]["Sprache__c"] == "Quastenflosser-Dialekt" and "custom_text" not in person


def test_one_meeting_with_several_contacts_is_one_activity_with_each_of_them(db, tmp_path):
    folder = _org(tmp_path, "enterprise")
    report = import_salesforce(db, folder)
    assert report.written and not report.rejected
    expected = set()
    for name, column in (("EventRelation.csv", "eventid"), ("TaskRelation.csv", "taskid")):
        for _line, row in CsvFile(folder / name).rows():
            if row["relationid"].startswith("003") and row.get("iswhat") != "true":
                expected.add((_id18(db, row[column]), _id18(db, row["relationid"])))
    found = {(r["a"], r["p"]) for r in db.run_raw(
        "MATCH (a:Activity)-[:WITH]->(p:Person) RETURN a.sf_id AS a, p.sf_id AS p")}
    imported = {r["a"] for r in db.run_raw("MATCH (a:Activity) RETURN a.sf_id AS a")}
    assert {pair for pair in expected if pair[0] in imported} <= found
    shared = db.run_raw("MATCH (a:Activity)-[:WITH]->(p:Person) WITH a, count(p) AS n WHERE n > 1 "
                        "RETURN count(a) AS n")[0]["n"]
    assert shared > 0
    # Each person of a shared meeting has it as a touch (the last-touch fields count it for each).
    via = db.run_raw("MATCH (a:Activity)-[:WITH {via: 'relation'}]->(p:Person) "
                     "WHERE a.kind IN ['meeting', 'call', 'email'] AND a.at <= datetime() "
                     "RETURN count(p) AS n, count(CASE WHEN p.last_touch_at >= a.at THEN 1 END) AS touched")[0]
    assert via["n"] > 0 and via["touched"] == via["n"]
    # A second import changes nothing and keeps the shared links.
    again = import_salesforce(db, folder)
    assert not again.rejected
    assert {(r["a"], r["p"]) for r in db.run_raw(
        "MATCH (a:Activity)-[:WITH]->(p:Person) RETURN a.sf_id AS a, p.sf_id AS p")} == found


def _person_id(db, sf_id: str) -> str:
    return db.run_raw("MATCH (p:Person) WHERE p.sf_id = $s OR $s IN p.sf_lead_ids RETURN p.id AS id",
                      s=_id18(db, sf_id))[0]["id"]


def test_a_lead_is_a_person_and_a_converted_lead_is_the_contact_it_became(db, api, tmp_path):
    folder = _org(tmp_path, "nonprofit")
    leads = {r["id"]: r for _line, r in CsvFile(folder / "Lead.csv").rows()}
    open_lead = next(r for r in leads.values() if r["isconverted"] == "false" and r["company"])
    converted = next(r for r in leads.values() if r["isconverted"] == "true"
                     and r["convertedcontactid"] != "0034W000003TN03QAG")
    report = import_salesforce(db, folder)
    assert report.written and not report.rejected
    person = api.get(f"/people/{_person_id(db, open_lead['id'])}").json
    assert (person["status"], person["company"], person["last_name"]) == (
        "lead", open_lead["company"], open_lead["lastname"])
    # The converted lead is no second person: its values are on the contact it became.
    assert not db.run_raw("MATCH (p:Person {sf_id: $s}) RETURN p", s=_id18(db, converted["id"]))
    contact = api.get(f"/people/{_person_id(db, converted['convertedcontactid'])}").json
    assert contact["status"] == "active" and contact["custom"]["Lead.LeadSource"] == converted["leadsource"]
    # A lead imported before Salesforce converted it is merged into its contact on the next import.
    lead_only = tmp_path / "before"
    lead_only.mkdir()
    with (folder / "Lead.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    head = [h.lower() for h in rows[0]]
    for row in rows[1:]:
        row[head.index("isconverted")], row[head.index("convertedcontactid")] = "false", ""
        row[head.index("ownerid")] = ""  # no User.csv in this folder
    with (lead_only / "Lead.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows(rows)
    db.run_raw("MATCH (n) DETACH DELETE n")
    first = import_salesforce(db, lead_only)
    assert first.written and not first.rejected
    was_lead = _person_id(db, converted["id"])
    db.run_raw("MATCH (l:Person {id: $id}) CREATE (:Activity {id: 'met-the-lead', kind: 'meeting', at: datetime()})"
               "-[:WITH]->(l)", id=was_lead)
    again = import_salesforce(db, folder)
    assert again.written and not again.rejected
    kept_as = db.run_raw("MATCH (:Activity {id: 'met-the-lead'})-[:WITH]->(p:Person) RETURN p.sf_id AS s")
    assert kept_as == [{"s": _id18(db, converted["convertedcontactid"])}]
    assert not db.run_raw("MATCH (p:Person {id: $id}) RETURN p", id=was_lead)


def test_opportunity_and_account_history_become_field_history_with_old_and_new_values(db, api, tmp_path):
    folder = _org(tmp_path, "enterprise")
    assert import_salesforce(db, folder).written
    deal = db.run_raw("MATCH (o:Opportunity {sf_id: $s}) RETURN o.id AS id", s=_id18(db, "0061t00000deOvnAAE"))[0]
    items = api.get(f"/opportunities/{deal['id']}/history?limit=500").json["items"]
    stages = [(c["old"], c["new"]) for c in reversed(items) if c["field"] == "stage"]
    assert stages[:3] == [(None, "Prospecting"), ("Prospecting", "Discovery"), ("Discovery", "Solution Design")]
    assert stages[-1][1] == "Closed Won" and all(old != new for old, new in stages)
    assert {c["by_name"] for c in items} == {"Lukas Brunner"}
    account = db.run_raw("MATCH (a:Account {sf_id: $s}) RETURN a.id AS id", s=_id18(db, "0011t00000nhknlAAA"))[0]
    changes = api.get(f"/accounts/{account['id']}/history?limit=500").json["items"]
    assert ("type", "Prospect", "Customer") in {(c["field"], c["old"], c["new"]) for c in changes}
    # The deal page shows the same history.
    from tests.support.apps import open_session
    open_session(db, api.client, api.user)
    page = api.client.get(f"/opportunities/{deal['id']}/history").get_data(as_text=True)
    assert "Solution Design" in page and "Closed Won" in page


def test_a_private_note_shows_its_words_only_to_its_author_and_admins(db, api, client, tmp_path):
    from tests.support.apps import make_api

    folder = _org(tmp_path, "enterprise")
    assert import_salesforce(db, folder).written
    note = next(r for _line, r in CsvFile(folder / "Note.csv").rows() if r["isprivate"] == "true")
    person_id = _person_id(db, note["parentid"])
    admin_view = api.get(f"/people/{person_id}/activities").json["items"]
    assert any(a.get("notes") == note["body"] for a in admin_view)
    viewer = make_api(db, client, "manager")
    seen = viewer.get(f"/people/{person_id}/activities")
    assert seen.status_code == 200, seen.json
    text = seen.get_data(as_text=True)
    assert note["body"][:20] not in text and note["title"] not in text and "Private note" in text


def test_a_changed_export_leaves_field_history_of_custom_fields_and_stages(db, api, tmp_path):
    folder = _org(tmp_path, "german")
    assert import_salesforce(db, folder).written
    path = folder / "Contact.csv"
    with path.open(encoding="cp1252", newline="") as fh:
        rows = list(csv.reader(fh))
    head = [h.lower() for h in rows[0]]
    old = rows[1][head.index("sprache__c")]
    rows[1][head.index("sprache__c")] = "Rätoromanisch"
    with path.open("w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    deals = folder / "Opportunity.csv"
    with deals.open(encoding="cp1252", newline="") as fh:
        deal_rows = list(csv.reader(fh))
    deal_head = [h.lower() for h in deal_rows[0]]
    deal_rows[1][deal_head.index("stagename")] = "Verhandlung Sonderfall"
    with deals.open("w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(deal_rows)
    again = import_salesforce(db, folder)
    assert again.written and not again.rejected
    changes = api.get(f"/people/{_person_id(db, rows[1][head.index('id')])}/history").json["items"]
    assert ("Sprache__c", old or None, "Rätoromanisch") in {(c["field"], c["old"], c["new"]) for c in changes}
    deal = db.run_raw("MATCH (o:Opportunity {sf_id: $s}) RETURN o.id AS id",
                      s=_id18(db, deal_rows[1][deal_head.index("id")]))[0]
    history = api.get(f"/opportunities/{deal['id']}/history").json["items"]
    assert history[0]["field"] == "stage" and history[0]["new"] == "Verhandlung Sonderfall"
    assert "Verhandlung Sonderfall" in {v["value"] for p in api.get("/picklists").json["items"]
                                        if p["name"] == "stage" for v in p["values"]}


def test_the_orgs_own_values_are_filters_and_form_choices(db, api, client, tmp_path):
    from tests.support.pages import sign_in

    folder = _org(tmp_path, "nonprofit")
    assert import_salesforce(db, folder).written
    households = api.get("/accounts?type=Household&limit=500")
    assert households.status_code == 200 and households.json["items"], households.json
    assert {a["type"] for a in households.json["items"]} == {"Household"}
    pledged = api.get("/opportunities?stage=Pledged&limit=500")
    assert pledged.status_code == 200 and {d["stage"] for d in pledged.json["items"]} == {"Pledged"}
    bad = api.get("/accounts?type=Made+Up")
    assert bad.status_code == 422 and "Household" in bad.json["fields"]["type"]
    nearby = api.get("/nearby?lat=40.7&lon=-74.0&radius_km=100&kind=account&account_type=Household")
    assert nearby.status_code == 200, nearby.json
    made_up = api.get("/nearby?lat=40.7&lon=-74.0&account_type=Made+Up")
    assert made_up.status_code == 422 and "Household" in made_up.json["fields"]["account_type"], made_up.json
    # The campaign page offers the org's member statuses, and adding a member with one of them works.
    browser = sign_in(db, client, role="admin", email="admin-forms@example.org", name="Ada Admin")
    member = next(r for _line, r in CsvFile(folder / "CampaignMember.csv").rows() if r["status"] == "Attended")
    campaign_id = next(c["id"] for c in api.get("/campaigns?limit=100").json["items"]
                       if c.get("sf_id") == _id18(db, member["campaignid"]))
    page = browser.page(f"/campaigns/{campaign_id}")
    assert 'value="Attended"' in page and 'value="Donated"' in page
    # The account form: the org's types to choose from, its industries suggested (any text allowed).
    form = browser.page("/accounts/new")
    assert '<option value="Household"' in form
    assert '<datalist id="l-industry">' in form and '<option value="Philanthropy">' in form
    assert '<option value="Pledged"' in browser.page("/opportunities/new")
    someone = next(p for p in api.get("/people?limit=500").json["items"] if p["status"] == "active")
    resp = browser.post(f"/campaigns/{campaign_id}/members",
                        {"person_id": someone["id"], "member_status": "Attended",
                         "person": " ".join(filter(None, (someone.get("first_name"), someone["last_name"])))})
    assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
    members = api.get(f"/campaigns/{campaign_id}/members?limit=500").json["items"]
    assert any(m["id"] == someone["id"] and m["member_status"] == "Attended" for m in members)

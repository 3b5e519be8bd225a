"""The foundation answers: a person can be created, read and listed through the API."""


def test_creating_a_person_returns_201_and_the_record(api):
    resp = api.post("/people", {"first_name": "Anna", "last_name": "Keller", "email": "Anna.Keller@Example.ch"})
    assert resp.status_code == 201, resp.json
    body = resp.json
    assert body["email"] == "anna.keller@example.ch"
    assert body["version"] == 1 and body["status"] == "active"
    assert api.get(f"/people/{body['id']}").json["last_name"] == "Keller"
    assert [p["id"] for p in api.get("/people").json["items"]] == [body["id"]]


def test_the_api_answers_401_without_a_token(client):
    resp = client.get("/api/v1/people")
    assert resp.status_code == 401
    assert resp.json["error"] == "unauthorized"

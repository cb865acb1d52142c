"""The regions' portal over HTTP (Starlette's test client on the real app, a real PostgreSQL):
sessions and cookies, CSRF on every form, the login rate limit, disabled accounts, isolation
between regions on every route, uploads judged by the night's own verdict (and recognised when
the same bytes come again), size limits and zip bombs refused before unpacking, path traversal,
the access log, templates, the monitor pages and the accounts' command line."""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import subprocess
import sys
import zipfile
from pathlib import Path

import psycopg
import pytest
from openpyxl import load_workbook

from sto_warehouse.portal import accounts, security
from sto_warehouse.portal.app import CSP, MAX_UPLOAD_BYTES, create_app
from sto_warehouse.report.pages import region_filename
from sto_warehouse.submissions import pipeline as sp
from sto_warehouse.submissions import spec, template
from sto_warehouse.submissions.verdict import GRANT_FOLDER
from tests.portal.conftest import R1, R2, amount_cell, csrf_of, progress_report, upload

FAULTY_CELL = amount_cell()


def sql(portal, query: str, *args):
    with psycopg.connect(portal.settings.admin_url, autocommit=True) as conn:
        return conn.execute(query, args).fetchall()


def landed(portal, folder: str) -> list[Path]:
    root = portal.settings.landing / "submissions" / folder
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload_id_of(answer) -> int:
    """The upload's id from the verdict page the upload answers with (its Content-Location)."""
    assert answer.status_code == 200, answer.text[:2000]
    return int(answer.headers["content-location"].rsplit("/", 1)[1])


def findings(doc: dict) -> list[tuple]:
    return [(f["regel"], f["ernst"], f["tabblad"], f["cel"], f["melding"], f["oplossing"])
            for f in doc["bevindingen"]]  # fmt: skip


# -- logging in, sessions, cookies, headers -------------------------------------------------------


def test_login_sets_a_signed_httponly_samesite_cookie_and_logout_ends_the_session(portal):
    client = portal.client()
    form = client.get("/inloggen")
    assert "HttpOnly" in form.headers["set-cookie"] and "SameSite=lax" in form.headers["set-cookie"]
    answer = client.post("/inloggen", data={
        "gebruikersnaam": "R1@Regio.Example ", "wachtwoord": portal.passwords["r1@regio.example"],
        "csrf": csrf_of(form.text)})  # fmt: skip
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("sto-sessie=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Path=/" in cookie and "Secure" not in cookie  # plain http on 127.0.0.1
    value = client.cookies["sto-sessie"]
    token = security.unsign(value, portal.settings.require("STO_PORTAL_SECRET_KEY"), "session")
    assert token and not sql(portal, "select 1 from portal.sessions where token_sha256 = %s", token)
    assert sql(portal, "select 1 from portal.sessions where token_sha256 = %s",
               security.token_hash(token))  # fmt: skip
    assert client.get(f"/regio/{R1}").status_code == 200
    # Logging in again gives a new session and ends the one the browser still held.
    portal.login("r1@regio.example", client)
    assert not sql(portal, "select 1 from portal.sessions where token_sha256 = %s",
                   security.token_hash(token))  # fmt: skip
    value = client.cookies["sto-sessie"]
    # A cookie whose signature is not ours is no session.
    forged = portal.client()
    forged.cookies.set("sto-sessie", value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    assert forged.get(f"/regio/{R1}").status_code == 303
    page = client.get(f"/regio/{R1}")
    assert client.post("/uitloggen", data={"csrf": csrf_of(page.text)}).status_code == 200
    # The same cookie, replayed after logging out, is refused: the session is gone.
    replay = portal.client()
    replay.cookies.set("sto-sessie", value)
    answer = replay.get(f"/regio/{R1}")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/inloggen")


def test_cookies_are_secure_and_host_bound_behind_tls(portal):
    from starlette.testclient import TestClient

    settings = type(portal.settings)(
        home=portal.settings.home,
        env=portal.settings.env,
        overrides={**portal.settings.overrides, "STO_PORTAL_PUBLIC_URL": "https://portaal.example"},
    )
    client = TestClient(create_app(settings), base_url="https://portaal.example",
                        follow_redirects=False)  # fmt: skip
    form = client.get("/inloggen")
    assert form.headers["set-cookie"].startswith("__Host-sto-inlog=")
    assert "Secure" in form.headers["set-cookie"]
    assert form.headers["strict-transport-security"].startswith("max-age=")
    answer = client.post("/inloggen", data={
        "gebruikersnaam": "r2@regio.example", "wachtwoord": portal.passwords["r2@regio.example"],
        "csrf": csrf_of(form.text)})  # fmt: skip
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("__Host-sto-sessie=") and "Secure" in cookie and "HttpOnly" in cookie


def test_every_answer_has_the_security_headers(portal):
    client = portal.login("r1@regio.example")
    for path, status in (("/inloggen", 200), (f"/regio/{R1}", 200), ("/static/portal.css", 200),
                         ("/bestaat-niet", 404), (f"/regio/{R2}", 404)):  # fmt: skip
        answer = client.get(path)
        assert answer.status_code == status, path
        assert answer.headers["content-security-policy"] == CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert "server" not in answer.headers
        if not path.startswith("/static/"):
            assert answer.headers["cache-control"] == "no-store"
    assert "'unsafe-inline'" not in CSP and "script-src" not in CSP
    assert "default-src 'none'" in CSP and "frame-ancestors 'none'" in CSP
    # No page carries a script or inline style: the CSP would refuse them.
    for path in (f"/regio/{R1}", f"/regio/{R1}/sjablonen", f"/regio/{R1}/aanleveren",
                 f"/regio/{R1}/aanleveringen", "/wachtwoord"):  # fmt: skip
        html = client.get(path).text
        assert "<script" not in html and "style=" not in html and "<style" not in html
    # No framework documentation pages (they would load scripts from a CDN).
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path).status_code == 404


def test_pages_are_dutch_and_labelled(portal):
    client = portal.login("r1@regio.example")
    for path in (f"/regio/{R1}", f"/regio/{R1}/aanleveren", "/wachtwoord"):
        html = client.get(path).text
        assert '<html lang="nl">' in html and 'href="#inhoud"' in html
        for control in re.findall(r'<input id="([^"]+)"', html):
            assert f'<label for="{control}">' in html, (path, control)
    login = portal.client().get("/inloggen").text
    assert 'autocomplete="current-password"' in login and '<label for="wachtwoord">' in login


def test_open_redirects_are_refused(portal):
    client = portal.client()
    for target in ("//evil.example/x", "https://evil.example", "/\\evil.example"):
        form = client.get("/inloggen", params={"volgende": target})
        assert 'name="volgende" value="/"' in form.text
        answer = client.post("/inloggen", data={
            "gebruikersnaam": "r2@regio.example", "wachtwoord": portal.passwords["r2@regio.example"],
            "csrf": csrf_of(form.text), "volgende": target})  # fmt: skip
        assert answer.headers["location"] == "/"


# -- CSRF ------------------------------------------------------------------------------------------


def test_every_form_carries_the_csrf_token(portal):
    client = portal.login("r1@regio.example")
    session_token = csrf_of(client.get(f"/regio/{R1}").text)
    for path in (f"/regio/{R1}", f"/regio/{R1}/aanleveren", "/wachtwoord",
                 f"/regio/{R1}/aanleveringen", f"/regio/{R1}/sjablonen"):  # fmt: skip
        html = client.get(path).text
        forms = re.findall(r'<form method="post".*?</form>', html, re.S)
        assert forms, path
        for form in forms:
            assert f'name="csrf" value="{session_token}"' in form, (path, form[:200])


def test_a_wrong_or_missing_csrf_token_is_refused(portal):
    client = portal.login("r1@regio.example")
    before = sql(portal, "select count(*) from portal.uploads")[0][0]
    other_session = csrf_of(portal.login("r1-tweede@regio.example").get(f"/regio/{R1}").text)
    for token in ("", "x" * 43, other_session):
        answer = upload(client, R1, [("v.xlsx", progress_report(R1))], csrf=token)
        assert answer.status_code == 403, token
        assert "formulier is verlopen" in answer.text
        assert client.post("/uitloggen", data={"csrf": token}).status_code == 403
        answer = client.post("/wachtwoord", data={
            "huidig": portal.passwords["r1@regio.example"], "nieuw": "een heel nieuw wachtwoord",
            "herhaling": "een heel nieuw wachtwoord", "csrf": token})  # fmt: skip
        assert answer.status_code == 403
    assert sql(portal, "select count(*) from portal.uploads")[0][0] == before
    assert client.get(f"/regio/{R1}").status_code == 200  # still logged in, nothing changed
    # A post from another site (Origin) is refused even with the right token.
    token = csrf_of(client.get(f"/regio/{R1}").text)
    answer = client.post("/uitloggen", data={"csrf": token},
                         headers={"origin": "https://evil.example"})  # fmt: skip
    assert answer.status_code == 403
    # The login form: without its signed pre-session token there is no session.
    fresh = portal.client()
    answer = fresh.post("/inloggen", data={
        "gebruikersnaam": "r1@regio.example", "wachtwoord": portal.passwords["r1@regio.example"],
        "csrf": "raden"})  # fmt: skip
    assert answer.status_code == 403 and "sto-sessie" not in fresh.cookies


# -- login rate limit and disabled accounts --------------------------------------------------------


def test_login_is_rate_limited(portal):
    right = f"goed-{secrets.token_urlsafe(12)}"
    accounts.add(portal.settings, "gokker@regio.example", "regio", region_id=R2,
                 password=right, must_change=False)  # fmt: skip
    from starlette.testclient import TestClient

    client = TestClient(create_app(portal.settings), client=("10.9.8.7", 4000),
                        follow_redirects=False)  # fmt: skip

    def attempt(password: str, name: str = "gokker@regio.example"):
        form = client.get("/inloggen")
        return client.post("/inloggen", data={"gebruikersnaam": name, "wachtwoord": password,
                                              "csrf": csrf_of(form.text)})  # fmt: skip

    for i in range(5):
        answer = attempt(f"fout-{i}")
        assert answer.status_code == 401 and "klopt niet" in answer.text
    # The right password now too is refused: the account is held for a quarter of an hour.
    answer = attempt(right)
    assert answer.status_code == 429 and "Te veel mislukte pogingen" in answer.text
    assert "sto-sessie" not in client.cookies
    logged = sql(portal, "select outcome, detail->>'reden' from portal.access_log"
                 " where username = 'gokker@regio.example' order by log_id")  # fmt: skip
    assert [o for o, _ in logged] == ["failed"] * 5 + ["refused"]
    # The same account from another address still gets in (a guesser cannot lock it out).
    other = TestClient(create_app(portal.settings), client=("10.9.8.8", 4000),
                       follow_redirects=False)  # fmt: skip
    form = other.get("/inloggen")
    answer = other.post("/inloggen", data={"gebruikersnaam": "gokker@regio.example",
                        "wachtwoord": right, "csrf": csrf_of(form.text)})  # fmt: skip
    assert answer.status_code == 303
    # Spraying many names from one address is held too; unknown names are not logged.
    sprayer = TestClient(create_app(portal.settings), client=("10.9.8.9", 4000),
                         follow_redirects=False)  # fmt: skip
    for i in range(20):
        form = sprayer.get("/inloggen")
        sprayer.post("/inloggen", data={"gebruikersnaam": f"naam{i}@x.example", "wachtwoord": "x",
                                        "csrf": csrf_of(form.text)})  # fmt: skip
    form = sprayer.get("/inloggen")
    answer = sprayer.post("/inloggen", data={"gebruikersnaam": "r2@regio.example",
                          "wachtwoord": portal.passwords["r2@regio.example"],
                          "csrf": csrf_of(form.text)})  # fmt: skip
    assert answer.status_code == 429
    assert not sql(portal, "select 1 from portal.access_log where username like 'naam%%'")


def test_a_disabled_account_is_refused_at_once(portal):
    initial = f"tijdelijk-{secrets.token_urlsafe(12)}"
    accounts.add(portal.settings, "tijdelijk@regio.example", "regio", region_id=R1,
                 password=initial, must_change=False)  # fmt: skip
    portal.passwords["tijdelijk@regio.example"] = initial
    client = portal.login("tijdelijk@regio.example")
    assert client.get(f"/regio/{R1}").status_code == 200
    accounts.disable(portal.settings, "tijdelijk@regio.example", reason="vertrokken")
    # The session it holds is refused on its next request, for every route.
    for path in (f"/regio/{R1}", f"/regio/{R1}/aanleveringen", "/monitor/index.html"):
        answer = client.get(path)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/inloggen")
    assert upload(client, R1, [("v.xlsx", progress_report(R1))], csrf="x").status_code == 303
    form = portal.client()
    page = form.get("/inloggen")
    answer = form.post("/inloggen", data={"gebruikersnaam": "tijdelijk@regio.example",
                       "wachtwoord": initial, "csrf": csrf_of(page.text)})  # fmt: skip
    assert answer.status_code == 401
    accounts.enable(portal.settings, "tijdelijk@regio.example")
    assert portal.login("tijdelijk@regio.example").get(f"/regio/{R1}").status_code == 200


def test_a_new_account_must_change_its_password_first(portal):
    initial = accounts.add(portal.settings, "nieuw@regio.example", "regio", region_id=R1)
    portal.passwords["nieuw@regio.example"] = initial
    client = portal.login("nieuw@regio.example")
    for path in (f"/regio/{R1}", f"/regio/{R1}/sjablonen/voortgang.xlsx", "/monitor/"):
        answer = client.get(path)
        assert answer.status_code == 303 and answer.headers["location"] == "/wachtwoord", path
    page = client.get("/wachtwoord")
    assert "Kies nu uw eigen wachtwoord" in page.text
    token = csrf_of(page.text)
    too_short = client.post("/wachtwoord", data={"huidig": initial, "nieuw": "kort",
                            "herhaling": "kort", "csrf": token})  # fmt: skip
    assert too_short.status_code == 400 and "minstens 12 tekens" in too_short.text
    old_cookie = client.cookies["sto-sessie"]
    answer = client.post("/wachtwoord", data={"huidig": initial, "nieuw": "mijn eigen zinnetje 7",
                         "herhaling": "mijn eigen zinnetje 7", "csrf": token})  # fmt: skip
    assert answer.status_code == 303
    assert client.get(f"/regio/{R1}").status_code == 200
    stale = portal.client()
    stale.cookies.set("sto-sessie", old_cookie)  # a change ends every earlier session
    assert stale.get(f"/regio/{R1}").status_code == 303
    # Guessing the current password from a session is held too.
    token = csrf_of(client.get("/wachtwoord").text)
    for i in range(5):
        wrong = client.post("/wachtwoord", data={"huidig": f"gok-{i}", "nieuw": "weer iets anders 8",
                            "herhaling": "weer iets anders 8", "csrf": token})  # fmt: skip
        assert wrong.status_code == 400 and "huidige wachtwoord klopt niet" in wrong.text
    held = client.post("/wachtwoord", data={"huidig": "mijn eigen zinnetje 7",
                       "nieuw": "weer iets anders 8", "herhaling": "weer iets anders 8",
                       "csrf": token})  # fmt: skip
    assert held.status_code == 429
    stored = sql(portal, "select password_hash, must_change_password from portal.users"
                 " where username = 'nieuw@regio.example'")[0]  # fmt: skip
    assert stored[0].startswith("scrypt$32768$8$3$") and stored[1] is False
    assert "mijn eigen" not in stored[0]


# -- isolation between regions ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def r2_history(portal):
    """R2 has an upload (approved), a rejection at upload and a feedback report of the night."""
    client = portal.login("r2@regio.example")
    approved = upload_id_of(upload(client, R2, [("r2.xlsx", progress_report(R2))]))
    rejected = upload_id_of(
        upload(client, R2, [("r2-fout.xlsx", progress_report(R2, amount="veel"))])
    )
    submission = sql(portal, "select submission_id from portal.uploads where upload_id = %s",
                     rejected)[0][0]  # fmt: skip
    return {"upload": approved, "rejected_upload": rejected, "submission": submission}


def test_a_region_reaches_nothing_of_another_region(portal, r2_history):
    client = portal.login("r1@regio.example")
    upload_id, submission = r2_history["upload"], r2_history["submission"]
    refused = [
        f"/regio/{R2}",
        f"/regio/{R2}/sjablonen",
        f"/regio/{R2}/sjablonen/voortgang.xlsx",
        f"/regio/{R2}/sjablonen/voortgang.xlsx?periode=2020-2023-VR1",
        f"/regio/{R2}/aanleveren",
        f"/regio/{R2}/aanleveringen",
        f"/regio/{R2}/uploads/{upload_id}",
        f"/regio/{R2}/terugkoppeling/{submission}",
        f"/regio/{R2}/terugkoppeling/{submission}/terugkoppeling.json",
        f"/regio/{R2}/terugkoppeling/{submission}/terugkoppeling.html",
        # R2's ids under R1's own URL: answered as ids that do not exist.
        f"/regio/{R1}/uploads/{upload_id}",
        f"/regio/{R1}/uploads/{r2_history['rejected_upload']}",
        f"/regio/{R1}/terugkoppeling/{submission}",
        f"/regio/{R1}/terugkoppeling/{submission}/terugkoppeling.json",
        f"/regio/{R1}/terugkoppeling/{submission}/terugkoppeling.html",
        f"/regio/{GRANT_FOLDER}",
        "/regio/subsidieverstrekker/aanleveringen",
        "/regio/r2/aanleveringen",
        "/regio/..%2F..%2Fetc/aanleveringen",
        f"/regio/{R1}/uploads/nummer",
    ]
    for path in refused:
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert R2 not in answer.text and "r2.xlsx" not in answer.text, path
    # Every id that is not R1's, guessed one by one, answers 404 too.
    ids = sql(portal, "select submission_id from audit.submissions")
    own = {r[0] for r in sql(portal, "select submission_id from audit.submissions"
                             f" where feedback_json like '%%/{R1}/%%'")}  # fmt: skip
    for (sid,) in ids:
        status = client.get(f"/regio/{R1}/terugkoppeling/{sid}").status_code
        assert status == (200 if sid in own else 404), sid
    assert upload(client, R2, [("v.xlsx", progress_report(R2))]).status_code == 404
    history = client.get(f"/regio/{R1}/aanleveringen").text
    assert "r2.xlsx" not in history and "r2-fout.xlsx" not in history
    # What was refused is in the access log.
    denied = sql(portal, "select count(*) from portal.access_log where action = 'denied'"
                 " and username = 'r1@regio.example'")[0][0]  # fmt: skip
    assert denied >= 10


def test_programme_staff_see_every_region_but_upload_nothing(portal, r2_history):
    client = portal.login("staf@sto.example")
    assert client.get("/").headers["location"] == "/regios"
    listing = client.get("/regios").text
    assert R1 in listing and R2 in listing
    assert client.get(f"/regio/{R2}/uploads/{r2_history['upload']}").status_code == 200
    page = client.get(f"/regio/{R2}/terugkoppeling/{r2_history['submission']}")
    assert page.status_code == 200 and "GEEN_BEDRAG" in page.text
    assert client.get(f"/regio/{R2}/aanleveren").status_code == 404
    token = csrf_of(client.get("/regios").text)
    assert upload(client, R2, [("v.xlsx", progress_report(R2))], csrf=token).status_code == 404


def test_a_region_cannot_upload_as_another_region(portal):
    client = portal.login("r1@regio.example")
    r2_before = landed(portal, R2)
    # The file says R2 (its content), the form says R2: judged as R1's, refused, kept with R1.
    answer = upload(client, R1, [("van-r2.xlsx", progress_report(R2))], regio_id=R2, regio=R2)
    page = answer
    assert "Afgewezen" in page.text and "REGIO_VERSCHIL" in page.text
    row = sql(portal, "select sender, region_id, submission_id from portal.uploads"
              " where upload_id = %s", upload_id_of(answer))[0]  # fmt: skip
    assert row[0] == R1 and row[1] == R2
    report = sql(portal, "select feedback_json from audit.submissions where submission_id = %s",
                 row[2])[0][0]  # fmt: skip
    assert Path(report).parent.name == R1
    assert landed(portal, R2) == r2_before
    # A file name that points into another folder never gets past the door.
    for name in (f"../{R2}/x.xlsx", f"..\\{R2}\\x.xlsx", "/tmp/x.xlsx"):
        answer = upload(client, R1, [(name, progress_report(R1))])
        assert answer.status_code == 400, name
    assert landed(portal, R2) == r2_before


# -- uploads: the night's verdict, at once -----------------------------------------------------------


def test_a_faulty_upload_names_the_cell_in_dutch_and_is_kept_like_the_night_keeps_it(portal):
    client = portal.login("r1@regio.example")
    faulty = progress_report(R1, amount="twaalfduizend")
    answer = upload(client, R1, [("voortgang.xlsx", faulty)])
    upload_id = upload_id_of(answer)
    page = answer
    assert page.status_code == 200
    assert "Afgewezen: er is niets van dit bestand opgeslagen" in page.text
    assert f"<td>{FAULTY_CELL}</td>" in page.text and "twaalfduizend" in page.text
    assert "GEEN_BEDRAG" in page.text and "uitgaven" in page.text
    sha, submission_id, landing = sql(
        portal,
        "select sha256, submission_id, landing_path from portal.uploads where upload_id = %s",
        upload_id,
    )[0]
    assert landing is None  # nothing for the night to load
    status, quarantine = sql(
        portal,
        "select s.status, r.quarantine_path from audit.submissions as s join audit.rejections"
        " as r on r.load_id = s.load_id where s.submission_id = %s",
        submission_id,
    )[0]
    assert status == "rejected"
    folder = Path(quarantine)
    assert folder == portal.settings.quarantine / "submissions" / sha
    reason = json.loads((folder / "reason.json").read_text())
    assert reason["code"] == "GEEN_BEDRAG" and (folder / "voortgang.xlsx").read_bytes() == faulty
    assert (folder / "feedback.html").exists()
    # The night skips these bytes: they are judged (skip key).
    land = portal.settings.landing / "submissions" / R1 / "handmatig"
    land.mkdir(parents=True, exist_ok=True)
    (land / "voortgang.xlsx").write_bytes(faulty)
    found = sp.discover(portal.settings)
    assert sha not in [t["sha256"] for t in found["registrations"] + found["others"]]
    (land / "voortgang.xlsx").unlink()


def test_an_approved_upload_is_handed_to_the_night_which_loads_it(portal):
    client = portal.login("r1@regio.example")
    good = progress_report(R1, ingediend_op="2021-10-02 10:00")
    answer = upload(client, R1, [("voortgang-goed.xlsx", good)])
    upload_id = upload_id_of(answer)
    page = answer
    assert "Goedgekeurd" in page.text and "wordt vannacht verwerkt" in page.text
    sha, landing, received = sql(
        portal,
        "select sha256, landing_path, received_at from portal.uploads where upload_id = %s",
        upload_id,
    )[0]
    folder = Path(landing)
    assert folder.parent == portal.settings.landing / "submissions" / R1
    assert (folder / "voortgang-goed.xlsx").read_bytes() == good
    assert not list((portal.settings.landing / ".portal-staging").iterdir())
    history = client.get(f"/regio/{R1}/aanleveringen").text
    assert "voortgang-goed.xlsx" in history and "wordt vannacht verwerkt" in history
    # The night: judged with the same received-at (first seen at upload), loaded.
    summary = sp.load_all(portal.settings, "t-night")
    loaded = [x for x in summary["loaded"] if x["sha256"] == sha]
    assert loaded and loaded[0]["region_id"] == R1
    assert sql(portal, "select received_at from audit.submissions where file_sha256 = %s",
               sha)[0][0] == received  # fmt: skip
    history = client.get(f"/regio/{R1}/aanleveringen").text
    row = re.search(
        r"<tr>\s*<td[^>]*>[^<]*</td>\s*<td>voortgang-goed.xlsx</td>.*?</tr>", history, re.S
    )
    assert row and "verwerkt" in row.group(0) and "portaal" in row.group(0)


def test_the_same_bytes_again_are_recognised_not_judged(portal):
    client = portal.login("r1@regio.example")
    data = progress_report(R1, ingediend_op="2021-10-03 11:00")
    first = upload_id_of(upload(client, R1, [("nogmaals.xlsx", data)]))
    counts = sql(portal, "select (select count(*) from audit.submissions),"
                 " (select count(*) from audit.files)")[0]  # fmt: skip
    folders = landed(portal, R1)
    # Another account of the same region, another file name: the same bytes.
    other = portal.login("r1-tweede@regio.example")
    answer = upload(other, R1, [("nogmaals-kopie.xlsx", data)])
    page = answer
    assert "al eerder aangeleverd" in page.text and "niet nog een keer beoordeeld" in page.text
    assert f"/regio/{R1}/uploads/{first}" in page.text
    second = upload_id_of(answer)
    assert sql(portal, "select outcome, same_as from portal.uploads where upload_id = %s",
               second)[0] == ("herkend", first)  # fmt: skip
    assert landed(portal, R1) == folders
    assert sql(portal, "select (select count(*) from audit.submissions),"
               " (select count(*) from audit.files)")[0] == counts  # fmt: skip
    # A rejection is recognised too, and so are bytes the night judged from the region's folder.
    bad = progress_report(R1, amount="-")
    upload(client, R1, [("slecht.xlsx", bad)])
    again = upload(client, R1, [("slecht.xlsx", bad)])
    assert "al eerder aangeleverd" in again.text and "afgewezen" in again.text
    sftp = progress_report(R1, ingediend_op="2021-10-03 12:00")
    folder = portal.settings.landing / "submissions" / R1 / "sftp-nacht"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "via-map.xlsx").write_bytes(sftp)
    sp.load_all(portal.settings, "t-sftp")
    answer = upload(client, R1, [("via-portaal.xlsx", sftp)])
    assert "al eerder aangeleverd" in answer.text and "verwerkt" in answer.text
    assert f"/regio/{R1}/terugkoppeling/" in answer.text


def test_portal_check_and_night_give_the_same_verdict(portal, tmp_path):
    """One entry point: the portal, `sto submission check` and the nightly load agree, finding
    by finding, on good, faulty and hostile files."""
    cases = {
        "goed.xlsx": progress_report(R1, ingediend_op="2021-10-04 09:30"),
        "cel.xlsx": progress_report(R1, amount="abc", ingediend_op="2021-10-04 09:31"),
        "andere-regio.xlsx": progress_report(R2, ingediend_op="2021-10-04 09:32"),
        "macro.xlsm": progress_report(R1, ingediend_op="2021-10-04 09:33"),
        "bom.xlsx": zip_bomb(),
    }
    client = portal.login("r1@regio.example")
    for name, data in cases.items():
        answer = upload(client, R1, [(name, data)])
        portal_doc = sql(portal, "select verdict from portal.uploads where upload_id = %s",
                         upload_id_of(answer))[0][0]  # fmt: skip
        (tmp_path / name).write_bytes(data)
        checked = run_sto(portal, "submission", "check", str(tmp_path / name), "--region", R1,
                          "--json")  # fmt: skip
        assert checked.returncode == (0 if name == "goed.xlsx" else 1), checked.stderr
        check_doc = json.loads(checked.stdout)
        assert findings(portal_doc) == findings(check_doc), name
        assert portal_doc["status"] == ("goedgekeurd" if name == "goed.xlsx" else "afgewezen")
    # The night, on the same good file dropped in the region's folder by hand (other bytes
    # would be recognised): the findings it writes are the portal's.
    night_file = progress_report(R1, amount="abc", ingediend_op="2021-10-04 09:40")
    answer = upload(client, R1, [("nacht.xlsx", night_file)])
    portal_doc = sql(portal, "select verdict from portal.uploads where upload_id = %s",
                     upload_id_of(answer))[0][0]  # fmt: skip
    own = portal.settings.landing / "submissions" / R1 / "nacht"
    own.mkdir(parents=True, exist_ok=True)
    other_bytes = progress_report(R1, amount="abc", ingediend_op="2021-10-04 09:41")
    (own / "nacht.xlsx").write_bytes(other_bytes)
    result = [r for r in sp.load_all(portal.settings, "t-same")["rejected"]
              if r["names"] == ["nacht.xlsx"]][0]  # fmt: skip
    night_doc = json.loads(Path(result["feedback_json"]).read_text())
    assert findings(night_doc) == findings(portal_doc)


def zip_bomb() -> bytes:
    """An .xlsx-looking zip whose one member expands to 80 MB from about 80 kB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (80 * 1024 * 1024))
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(portal):
    client = portal.login("r1@regio.example")
    bomb = zip_bomb()
    assert len(bomb) < spec.MAX_FILE_BYTES
    answer = upload(client, R1, [("bom.xlsx", bomb)])
    page = answer
    assert "ZIP_BOM" in page.text and "Afgewezen" in page.text


def test_an_upload_above_the_size_limit_is_refused_before_it_is_read(portal):
    client = portal.login("r1@regio.example")
    token = csrf_of(client.get(f"/regio/{R1}/aanleveren").text)
    before = sql(portal, "select count(*) from audit.files")[0][0]
    big = b"PK\x03\x04" + os.urandom(MAX_UPLOAD_BYTES)
    answer = client.post(f"/regio/{R1}/aanleveren", data={"csrf": token},
                         files=[("bestanden", ("groot.xlsx", big, "application/octet-stream"))])  # fmt: skip
    assert answer.status_code == 413
    assert "het maximum is 10 MB" in answer.text
    # Without a Content-Length (chunked), counted as it is read (test_portal_server.py shows
    # on a real server that reading stops there).
    answer = client.post(f"/regio/{R1}/aanleveren", content=iter([b"x" * (MAX_UPLOAD_BYTES + 1)]),
                         headers={"content-type": "multipart/form-data; boundary=zzz"})  # fmt: skip
    assert answer.status_code == 413
    assert sql(portal, "select count(*) from audit.files")[0][0] == before
    refused = sql(portal, "select username, detail->>'reden' from portal.access_log"
                  " where action = 'upload' and outcome = 'refused' order by log_id desc limit 2")  # fmt: skip
    assert refused == [("r1@regio.example", "te groot")] * 2


def test_odd_file_names_are_judged_like_the_night_does(portal):
    client = portal.login("r1@regio.example")
    answer = upload(client, R1, [("rapport;rm -rf.xlsx", progress_report(R1))])
    page = answer.text
    assert "BESTANDSNAAM_ONVEILIG" in page
    for name in ("", ".", "..", "x" * 250 + ".xlsx"):
        assert upload(client, R1, [(name, b"PK\x03\x04")]).status_code == 400, name
    assert upload(client, R1, [("a.xlsx", b"1"), ("a.xlsx", b"2")]).status_code == 400
    assert upload(client, R1, []).status_code == 400


def test_a_csv_set_is_one_submission_and_appears_whole(portal):
    from tests.submissions import helpers as h

    sheets = h.report(R1, __import__("datetime").datetime(2021, 10, 5, 9, 0))
    files = h.csv_files("voortgang", R1, sheets, "vg")
    client = portal.login("r1@regio.example")
    answer = upload(client, R1, files)
    page = answer.text
    assert "Goedgekeurd" in page, page[-3000:]
    landing = Path(sql(portal, "select landing_path from portal.uploads where upload_id = %s",
                       upload_id_of(answer))[0][0])  # fmt: skip
    assert sorted(p.name for p in landing.iterdir()) == sorted(n for n, _ in files)


# -- templates, history, feedback, monitor ----------------------------------------------------------


def test_the_template_is_sto_templates_with_region_and_period(portal):
    client = portal.login("r1@regio.example")
    answer = client.get(
        f"/regio/{R1}/sjablonen/voortgang.xlsx", params={"periode": "2020-2023-VR1"}
    )
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert answer.content == template.build("voortgang", R1, period="2020-2023-VR1")
    workbook = load_workbook(io.BytesIO(answer.content), read_only=True)
    meta = dict(workbook[spec.META_SHEET].iter_rows(values_only=True))
    assert meta["regio_id"] == R1
    header = list(workbook["algemeen"].iter_rows(values_only=True))
    assert header[1][:2] == (R1, "2020-2023-VR1")
    assert client.get(f"/regio/{R1}/sjablonen/voortgang.xlsx",
                      params={"periode": "1999"}).status_code == 404  # fmt: skip
    assert client.get(f"/regio/{R1}/sjablonen/onzin.xlsx").status_code == 404
    listing = client.get(f"/regio/{R1}/sjablonen").text
    for code, kind in spec.TYPES.items():
        assert kind.title in listing and f"/sjablonen/{code}.xlsx" in listing


def test_the_overview_shows_what_is_due_from_the_seeds(portal):
    client = portal.login("r1@regio.example")
    html = client.get(f"/regio/{R1}").text
    for (kind, period), rule in spec.periods().items():
        if rule.region_period == "2020-2024" or kind == "registratie":
            assert period in html, (kind, period)
    assert "2025-2028-VR1" not in html  # R1 registered for 2020-2024 only
    assert "ingediend" in html  # its registration and membership


def test_feedback_reports_of_the_region_are_readable_and_downloadable(portal):
    client = portal.login("r1@regio.example")
    history = client.get(f"/regio/{R1}/aanleveringen").text
    ids = re.findall(rf"/regio/{R1}/terugkoppeling/(\d+)", history)
    assert ids
    for sid in ids[:3]:
        page = client.get(f"/regio/{R1}/terugkoppeling/{sid}")
        assert page.status_code == 200 and "Bevindingen" in page.text
        download = client.get(f"/regio/{R1}/terugkoppeling/{sid}/terugkoppeling.json")
        assert download.status_code == 200
        assert download.headers["content-disposition"].startswith("attachment;")
        json.loads(download.content)
    assert client.get(f"/regio/{R1}/terugkoppeling/{ids[0]}/reason.json").status_code == 404


def write_report_site(portal) -> Path:
    site = portal.settings.reports / "monitor"
    site.mkdir(parents=True, exist_ok=True)
    (site / "style.css").write_text("body{color:#000}")
    (site / "index.html").write_text("<!doctype html><title>landelijk</title>nationaal")
    for region in (R1, R2):
        (site / region_filename(region)).write_text(f"<!doctype html><title>{region}</title>")
    (site / ".sto-monitor-report").write_text("marker")
    return site


def test_a_region_opens_its_own_monitor_page_and_the_national_one_only(portal):
    write_report_site(portal)
    client = portal.login("r1@regio.example")
    answer = client.get("/monitor/")
    assert answer.headers["location"] == f"/monitor/{region_filename(R1)}"
    for name in ("index.html", "style.css", region_filename(R1)):
        assert client.get(f"/monitor/{name}").status_code == 200, name
    for name in (region_filename(R2), ".sto-monitor-report", "..%2F.env", "%2E%2E/.env"):
        answer = client.get(f"/monitor/{name}")
        assert answer.status_code == 404 and R2 not in answer.text, name
    staff = portal.login("staf@sto.example")
    assert staff.get(f"/monitor/{region_filename(R2)}").status_code == 200
    # When the release makes region pages public, a region may read the others too.
    from starlette.testclient import TestClient

    public = type(portal.settings)(home=portal.settings.home, env=portal.settings.env,
                                   overrides={**portal.settings.overrides,
                                              "STO_PORTAL_MONITOR_REGIONS": "alle"})  # fmt: skip
    other = portal.login("r1@regio.example",
                         TestClient(create_app(public), follow_redirects=False))  # fmt: skip
    assert other.get(f"/monitor/{region_filename(R2)}").status_code == 200


# -- the grant administrator -----------------------------------------------------------------------


GRANT_CSV = (
    "Regio-ID;Beschikkingsnummer;Datum beschikking;Soort beschikking;Regeling;Subsidiejaar;Bedrag\n"
    f"{R1};B-1;01-03-2020;verlening;sto_2020_2023;2020;100.000,00\n"
).encode()


def test_the_grant_administrator_delivers_exports_and_regions_cannot(portal):
    dusi = portal.login("dusi@dus-i.example")
    answer = upload(dusi, "subsidieverstrekker", [("beschikkingen_2026.csv", GRANT_CSV)])
    page = answer.text
    assert "Goedgekeurd" in page, page[-2000:]
    landing = sql(portal, "select landing_path from portal.uploads where upload_id = %s",
                  upload_id_of(answer))[0][0]  # fmt: skip
    assert Path(landing).parent.name == "dus-i"
    # A region that sends the same export is not read as the grant administrator.
    client = portal.login("r1@regio.example")
    answer = upload(client, R1, [("beschikkingen_2026.csv", GRANT_CSV)])
    page = answer.text
    assert "Afgewezen" in page and "CSV_ONLEESBAAR" in page
    assert upload(client, "subsidieverstrekker", [("b.csv", GRANT_CSV)]).status_code == 404


# -- the access log --------------------------------------------------------------------------------


def test_every_login_upload_and_download_is_logged_with_user_region_and_time(portal):
    client = portal.login("r2@regio.example")
    client.get(f"/regio/{R2}/sjablonen/aanvraag.xlsx")
    upload(client, R2, [("log.xlsx", progress_report(R2, ingediend_op="2021-10-06 09:00"))])
    rows = sql(
        portal,
        "select action, outcome, username, role, region_id, at, client_ip, object"
        " from portal.access_log where username = 'r2@regio.example'"
        " and at > now() - interval '2 minutes' order by log_id",
    )
    actions = [(r[0], r[1]) for r in rows]
    assert ("login", "ok") in actions and ("download", "ok") in actions
    assert ("upload", "ok") in actions
    for _, _, user, role, region, at, ip, _ in rows:
        assert user == "r2@regio.example" and role == "regio" and region == R2 and at and ip


# -- the command line ------------------------------------------------------------------------------


def run_sto(portal, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **portal.settings.overrides, "STO_HOME": str(portal.settings.home)}
    return subprocess.run([str(Path(sys.executable).with_name("sto")), *args], env=env,
                          capture_output=True, text=True, timeout=300, input=stdin)  # fmt: skip


def test_submission_check_exits_non_zero_with_the_dutch_findings(portal, tmp_path):
    bad = tmp_path / "voortgang.xlsx"
    bad.write_bytes(progress_report(R1, amount="abc"))
    result = run_sto(portal, "submission", "check", str(bad), "--region", R1)
    assert result.returncode == 1, result.stderr
    assert "uitslag: AFGEWEZEN" in result.stdout
    assert (
        f"[GEEN_BEDRAG] uitgaven {FAULTY_CELL}" in result.stdout and "oplossing:" in result.stdout
    )
    good = tmp_path / "goed.xlsx"
    good.write_bytes(progress_report(R1, ingediend_op="2021-10-07 09:00"))
    result = run_sto(portal, "submission", "check", str(good), "--region", R1)
    assert result.returncode == 0 and "uitslag: GOEDGEKEURD" in result.stdout
    # From another region's folder the same good file is refused.
    result = run_sto(portal, "submission", "check", str(good), "--region", R2)
    assert result.returncode == 1 and "REGIO_VERSCHIL" in result.stdout
    # A CSV set: its files together are one submission.
    from tests.submissions import helpers as h

    sheets = h.report(R1, __import__("datetime").datetime(2021, 10, 9, 9, 0))
    paths = []
    for name, data in h.csv_files("voortgang", R1, sheets, "cli"):
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    result = run_sto(portal, "submission", "check", *paths, "--region", R1)
    assert result.returncode == 0 and "uitslag: GOEDGEKEURD" in result.stdout, result.stdout
    # Nothing is stored by a check.
    sha = __import__("hashlib").sha256(good.read_bytes()).hexdigest()
    assert not sql(portal, "select 1 from audit.files where file_sha256 = %s", sha)


def test_portal_user_commands(portal):
    added = run_sto(portal, "portal", "user", "add", "Cli@Regio.Example", "--region", R1,
                    "--name", "Cli Gebruiker")  # fmt: skip
    assert added.returncode == 0, added.stderr
    initial = added.stdout.split(
        "initial password (shown once, to be changed at the first login): "
    )[1].strip()
    assert len(initial) >= security.MIN_PASSWORD_LENGTH
    listed = run_sto(portal, "portal", "user", "list").stdout
    assert re.search(r"cli@regio\.example\s+regio\s+PORT-R1\s+active", listed)
    assert run_sto(portal, "portal", "user", "add", "cli@regio.example", "--region",
                   R1).returncode == 2  # exists  # fmt: skip
    assert run_sto(portal, "portal", "user", "add", "x@y.z", "--role", "programma", "--region",
                   R1).returncode == 2  # fmt: skip
    assert run_sto(portal, "portal", "user", "add", "x@y.z").returncode == 2  # no region
    assert run_sto(portal, "portal", "user", "disable", "cli@regio.example").returncode == 0
    assert "DISABLED" in run_sto(portal, "portal", "user", "list").stdout
    assert run_sto(portal, "portal", "user", "enable", "cli@regio.example").returncode == 0
    reset = run_sto(portal, "portal", "user", "password", "cli@regio.example")
    assert reset.returncode == 0 and initial not in reset.stdout
    log = run_sto(portal, "portal", "log", "--limit", "5")
    assert log.returncode == 0 and log.stdout.count("\n") == 5


# -- the night's side: grant exports, retention, `sto up` -------------------------------------------


def test_the_night_reads_a_grant_export_only_from_the_grant_administrators_folder(portal):
    dusi = portal.login("dusi@dus-i.example")
    export = GRANT_CSV.replace(b"B-1;", b"B-2;")
    answer = upload(dusi, "subsidieverstrekker", [("beschikkingen_2026-12.csv", export)])
    assert upload_id_of(answer)
    # The same kind of export dropped in a region's folder (SFTP) is no grant export.
    dropped = portal.settings.landing / "submissions" / R1 / "sftp"
    dropped.mkdir(parents=True, exist_ok=True)
    (dropped / "beschikkingen_van_r1.csv").write_bytes(GRANT_CSV.replace(b"B-1;", b"B-3;"))
    summary = sp.load_all(portal.settings, "t-grants")
    loaded = {tuple(x["names"]): x for x in summary["loaded"]}
    rejected = {tuple(x["names"]): x for x in summary["rejected"]}
    assert loaded[("beschikkingen_2026-12.csv",)]["submission_type"] == "beschikking"
    refused = rejected[("beschikkingen_van_r1.csv",)]
    assert refused["code"] == "CSV_ONLEESBAAR" and Path(refused["feedback_json"]).parent.name == R1
    rows = sql(
        portal, "select count(*) from raw.sub_grant_decision where beschikkingsnummer = 'B-3'"
    )
    assert rows[0][0] == 0


def test_prune_keeps_the_access_log_a_year_and_removes_judged_landing_copies(portal):
    from sto_warehouse import prune

    client = portal.login("r2@regio.example")
    answer = upload(
        client, R2, [("oud.xlsx", progress_report(R2, ingediend_op="2021-10-08 08:00"))]
    )
    upload_id = upload_id_of(answer)
    landing = Path(sql(portal, "select landing_path from portal.uploads where upload_id = %s",
                       upload_id)[0][0])  # fmt: skip
    sql(portal, "insert into portal.access_log (at, action, outcome) values"
        " (now() - interval '400 days', 'login', 'failed') returning log_id")  # fmt: skip
    sql(portal, "update portal.uploads set uploaded_at = now() - interval '40 days'"
        " where upload_id = %s returning upload_id", upload_id)  # fmt: skip
    # Not judged by the night yet: its landing copy stays, whatever its age.
    assert str(landing) not in prune.prune(portal.settings, dry_run=True).portal_landing
    sp.load_all(portal.settings, "t-prune")
    dry = prune.prune(portal.settings, dry_run=True)
    assert dry.portal_log >= 1 and str(landing) in dry.portal_landing and landing.exists()
    done = prune.prune(portal.settings)
    assert str(landing) in done.portal_landing and not landing.exists()
    assert not sql(portal, "select 1 from portal.access_log where at < now() - interval '365 days'")
    assert sql(portal, "select 1 from portal.uploads where upload_id = %s", upload_id)
    assert sql(portal, "select 1 from portal.access_log where at > now() - interval '1 day'")


@pytest.mark.pipeline
def test_sto_up_starts_the_portal_and_sto_run_prints_its_address(pipeline, test_env):
    import urllib.request

    assert "Regions' portal: http://127.0.0.1:" in pipeline.first.stdout
    address = test_env.run("url", "--portal").stdout.strip()
    assert f"Regions' portal: {address}" in pipeline.first.stdout
    with urllib.request.urlopen(f"{address}/gezond", timeout=10) as answer:
        assert answer.status == 200


def test_the_portal_role_has_least_privilege(portal):
    """What the web process may do in the warehouse, and what not."""
    settings = portal.settings
    with psycopg.connect(settings.url_for("portal"), autocommit=True) as conn:
        conn.execute("select count(*) from raw.sub_registration")  # the verdict's references
        conn.execute("select count(*) from audit.submissions")
        for statement in (
            "insert into portal.users (username, role, password_hash) values"
            " ('x@y.example', 'programma', 'x')",
            "update portal.users set role = 'programma'",
            "update portal.users set disabled_at = null",
            "delete from portal.access_log",
            "update portal.uploads set outcome = 'goedgekeurd'",
            "insert into raw.sub_header (_submission_id) values (1)",
            "create table raw.x (a int)",
            "delete from audit.submissions",
            "update audit.submissions set status = 'loaded'",
            "create schema portal_x",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)

"""One warehouse for the portal's tests: a small synthetic DUO country (address lists 2018-12 and
2023-12, pupils 2018) loaded by the real loader, regions R1 and R2 registered (with R1's members)
by the real nightly submission flow, accounts for both regions, programme staff and the grant
administrator, and the app on that database (Starlette's test client, or a real server)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

import pytest
from starlette.testclient import TestClient

from sto_warehouse import config
from sto_warehouse.portal import accounts
from sto_warehouse.portal.app import create_app
from sto_warehouse.submissions import pipeline as sp
from tests.conftest import TestEnv, fresh_database
from tests.submissions import helpers as h

SEED, SCALE = 2026, 0.05
R1, R2 = "PORT-R1", "PORT-R2"


@dataclass
class Portal:
    settings: object
    vmbo: list[str]
    board: str
    passwords: dict[str, str] = field(default_factory=dict)

    def client(self) -> TestClient:
        return TestClient(create_app(self.settings), follow_redirects=False)

    def login(self, username: str, client: TestClient | None = None) -> TestClient:
        client = client or self.client()
        page = client.get("/inloggen")
        token = csrf_of(page.text)
        answer = client.post(
            "/inloggen",
            data={"gebruikersnaam": username, "wachtwoord": self.passwords[username],
                  "csrf": token, "volgende": "/"},
        )  # fmt: skip
        assert answer.status_code == 303, answer.text
        return client


def csrf_of(html: str) -> str:
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


ACCOUNTS = {
    "r1@regio.example": ("regio", R1),
    "r1-tweede@regio.example": ("regio", R1),
    "r2@regio.example": ("regio", R2),
    "staf@sto.example": ("programma", None),
    "dusi@dus-i.example": ("subsidieverstrekker", None),
}


@pytest.fixture(scope="package")
def portal(test_env, tmp_path_factory) -> Portal:
    # A $STO_HOME of its own on the session's server (its .env: passwords, ports), with a port
    # of its own for the portal: archive, landing, feedback, quarantine, pid files stay apart
    # from the session's pipeline run, whose `sto up` starts a portal of its own.
    home = tmp_path_factory.mktemp("portal-home")
    values = config.read_env_file(test_env.home / ".env")
    values["STO_PORTAL_PORT"] = str(config.free_port())
    config.write_env_file(home / ".env", values)
    own = TestEnv(home=home, env={**test_env.env, "STO_HOME": str(home)})
    with fresh_database(own) as settings:
        vbo = h.load_small_country(settings, SEED, SCALE)
        env = Portal(settings, [v.brin6 for v in vbo[:2]], vbo[0].bevoegd_gezag)
        land = settings.landing
        for region in (R1, R2):
            sheets = h.registration(region, "2020-2024", env.board)
            h.drop(land, region, "registratie.xlsx", h.xlsx("registratie", region, sheets))
        members = h.membership(R1, "2020-2024", env.vmbo)
        h.drop(land, R1, "deelnemers.xlsx", h.xlsx("deelnemers", R1, members))
        summary = sp.load_all(settings, f"t-{secrets.token_hex(3)}")
        assert not summary["rejected"], summary["rejected"]
        for username, (role, region) in ACCOUNTS.items():
            password = f"{secrets.token_urlsafe(12)}-Ok"
            accounts.add(settings, username, role, region_id=region, password=password,
                         must_change=False, display_name=username.split("@")[0])  # fmt: skip
            env.passwords[username] = password
        yield env


def amount_cell() -> str:
    """Where ``progress_report(amount=…)`` puts its value: sheet uitgaven, first data row, the
    column of 'bedrag' in the template as spec.py declares it today."""
    from openpyxl.utils import get_column_letter

    from sto_warehouse.submissions import spec

    fields = [f.name for f in spec.TYPES["voortgang"].sheet("uitgaven").fields]
    return f"{get_column_letter(fields.index('bedrag') + 1)}2"


def progress_report(region: str, *, amount: object = None, **header) -> bytes:
    """A voortgangsrapportage of ``region`` (2020-2023-VR1), submitted on time; ``amount`` puts
    another value in the first spend cell (``amount_cell()``); ``header`` changes the sheet
    algemeen (e.g. ``ingediend_op`` to make otherwise equal files differ)."""
    sheets = h.report(region, datetime(2021, 10, 1, 9, 0))
    sheets["algemeen"][0] = {**sheets["algemeen"][0], **header}
    if amount is not None:
        sheets["uitgaven"][0] = {**sheets["uitgaven"][0], "bedrag": amount}
    return h.xlsx("voortgang", region, sheets)


def upload(client: TestClient, owner: str, files: list[tuple[str, bytes]], **fields):
    """POST files to the upload form of ``owner`` with the page's CSRF token (unless given)."""
    if "csrf" not in fields:
        fields["csrf"] = csrf_of(client.get(f"/regio/{owner}/aanleveren").text)
    return client.post(
        f"/regio/{owner}/aanleveren",
        data=fields,
        files=[("bestanden", (name, data, "application/octet-stream")) for name, data in files],
    )

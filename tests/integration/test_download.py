"""Downloads against a local HTTP server on 127.0.0.1 (never the real DUO site)."""

from __future__ import annotations

import hashlib
import http.server
import json
import shutil
import threading
from pathlib import Path

import psycopg
import pytest

from sto_warehouse.ingest import download, pipeline
from sto_warehouse.registry import get

BODY = (
    ";".join(get("duo_vo_leerlingen_onderwijstype").vintages[0].header)
    + "\n"
    + "00AH;00;School;ENSCHEDE;Overijssel;VMBO BL lj 3-4;Techniek;Groen;0123;VMBO BL;"
    + ";".join(["1"] * 12)
    + "\n"
).encode("cp1252")
ETAG = '"v1-' + hashlib.sha256(BODY).hexdigest()[:12] + '"'
MODIFIED = "Wed, 01 Oct 2025 08:00:00 GMT"


class Behaviour:
    def __init__(self):
        self.fail_first = 0
        self.truncate = False
        self.requests: list[dict] = []


class Handler(http.server.BaseHTTPRequestHandler):
    behaviour: Behaviour

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        b = self.behaviour
        b.requests.append(dict(self.headers))
        if b.fail_first > 0:
            b.fail_first -= 1
            self.send_response(503)
            self.end_headers()
            return
        if (
            self.headers.get("If-None-Match") == ETAG
            or self.headers.get("If-Modified-Since") == MODIFIED
        ):
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(BODY) + (500 if b.truncate else 0)))
        self.send_header("ETag", ETAG)
        self.send_header("Last-Modified", MODIFIED)
        self.end_headers()
        self.wfile.write(BODY)
        if b.truncate:
            self.wfile.flush()
            self.close_connection = True


@pytest.fixture
def server():
    behaviour = Behaviour()
    handler = type("H", (Handler,), {"behaviour": behaviour})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield base, behaviour
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def landing(fresh_settings):
    folder = fresh_settings.landing / "duo"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


FAST = download.Policy(attempts=3, backoff=0.01, timeout=5)


def _conn(settings):
    return psycopg.connect(settings.loader_url)


def test_fails_twice_then_succeeds_and_then_is_not_modified(fresh_settings, landing, server):
    base, behaviour = server
    url = f"{base}/images/leerlingen-vo-per-vestiging-naar-onderwijstype-2008.csv"
    behaviour.fail_first = 2
    with _conn(fresh_settings) as conn:
        first = download.fetch(
            fresh_settings, conn, url, "duo_vo_leerlingen_onderwijstype", landing, FAST
        )
    assert first.status == "downloaded" and first.attempts == 3
    path = Path(first.path)
    assert path.read_bytes() == BODY and path.parent == landing
    assert first.sha256 == hashlib.sha256(BODY).hexdigest()
    assert not [p for p in landing.iterdir() if p.name.startswith(".")], "no partial file left"

    with _conn(fresh_settings) as conn:
        second = download.fetch(
            fresh_settings, conn, url, "duo_vo_leerlingen_onderwijstype", landing, FAST
        )
        row = conn.execute(
            "select status, etag from audit.downloads where url = %s", (url,)
        ).fetchone()
    assert second.status == "not_modified"
    assert behaviour.requests[-1].get("If-None-Match") == ETAG
    assert row == ("not_modified", ETAG)


def test_truncated_body_is_retried_and_never_lands(fresh_settings, landing, server):
    base, behaviour = server
    behaviour.truncate = True
    url = f"{base}/images/leerlingen-vo-per-vestiging-naar-onderwijstype-2007.csv"
    with _conn(fresh_settings) as conn:
        outcome = download.fetch(
            fresh_settings, conn, url, "duo_vo_leerlingen_onderwijstype", landing, FAST
        )
        row = conn.execute(
            "select status, message from audit.downloads where url = %s", (url,)
        ).fetchone()
    assert outcome.status == "failed" and outcome.attempts == 3
    assert "bytes" in outcome.message
    assert list(landing.iterdir()) == []
    assert row[0] == "failed"
    assert len(behaviour.requests) == 3


def test_unreachable_source_is_a_warning_and_the_run_goes_on(
    fresh_settings, landing, server, caplog
):
    base, _ = server
    # One file already in the landing folder, one configured source that refuses connections.
    (landing / "leerlingen-vo-per-vestiging-naar-onderwijstype-2006.csv").write_bytes(BODY)
    settings = fresh_settings.__class__(
        home=fresh_settings.home,
        env=fresh_settings.env,
        overrides={
            **fresh_settings.overrides,
            "STO_DOWNLOADS": json.dumps(
                {"duo_vo_leerlingen_onderwijstype": ["http://127.0.0.1:9/x.csv"]}
            ),
        },
    )
    tasks = pipeline.discover(settings)
    assert [t["original_name"] for t in tasks] == [
        "leerlingen-vo-per-vestiging-naar-onderwijstype-2006.csv"
    ]
    assert "source unreachable" in caplog.text


def test_configured_download_feeds_discovery(fresh_settings, landing, server):
    base, _ = server
    url = f"{base}/dl/leerlingen-vo-per-vestiging-naar-onderwijstype-2005.csv"
    settings = fresh_settings.__class__(
        home=fresh_settings.home,
        env=fresh_settings.env,
        overrides={
            **fresh_settings.overrides,
            "STO_DOWNLOADS": json.dumps({"duo_vo_leerlingen_onderwijstype": url}),
        },
    )
    tasks = pipeline.discover(settings)
    assert [t["original_name"] for t in tasks] == [
        "leerlingen-vo-per-vestiging-naar-onderwijstype-2005.csv"
    ]
    # Unchanged at the source: neither downloaded again nor offered for loading again.
    summary = pipeline.load_paths(settings, "download-test", tasks=tasks)
    assert [x["period"] for x in summary["loaded"]] == ["2005"]
    assert pipeline.discover(settings) == []

"""The portal as `sto up` runs it (a real uvicorn server in the background, started and stopped by
``portal.service``) and in a real browser: headless Chromium walks a region's main path - log in (by keyboard),
download the template, upload it filled with a mistake, read the cell named in Dutch, upload the
corrected file, see it approved, log out - with no console error, CSP violation or failed load, and every text at WCAG contrast.
Screenshots are kept in tests/portal/screenshots/ (git-ignored); with
STO_PORTAL_DOCS_SCREENSHOTS=1 the ones docs/portal.md shows are written to docs/img/portal/."""

from __future__ import annotations

import base64
import json
import os
import re
import select
import socket
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sto_warehouse.portal import service
from tests.portal.conftest import R1, amount_cell
from tests.report.browser import Browser, BrowserError, find_chromium
from tests.submissions import helpers as h

SCREENSHOTS = Path(__file__).parent / "screenshots"
DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "img" / "portal"
WIDTH, HEIGHT = 1024, 720
# The most any wait below waits for its condition. A passing run waits only as long as the
# condition takes; on a loaded machine (a full `make test` beside other jobs) the server and
# Chromium are slow, not broken, so every wait is on the condition itself, never a fixed time.
WAIT = 120


def _eventually(condition, what: str, seconds: float = WAIT):
    """Poll `condition` until it returns something true (returned); fail naming `what`."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds:.0f} s")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def server(portal):
    """The portal in the background, as `sto up` starts it; stopped (and checked) afterwards."""
    settings = portal.settings
    assert service.start(settings, timeout=120, echo=lambda *_: None)
    pid = service.pid(settings)
    assert pid and service.healthy(settings)
    yield f"http://127.0.0.1:{settings.portal_port}"
    assert service.stop(settings)
    assert service.pid(settings) is None and not service.pidfile(settings).exists()
    assert not service.healthy(settings)


def test_a_port_held_by_another_program_is_reported_not_mistaken_for_ours(portal, tmp_path):
    import socket

    from sto_warehouse import config

    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        taken = other.getsockname()[1]
        settings = config.load_settings(portal.settings.home, **{
            **portal.settings.overrides, "STO_PORTAL_PORT": str(taken)})  # fmt: skip
        with pytest.raises(RuntimeError, match=f"port {taken} .* in use by another program"):
            service.start(settings, echo=lambda *_: None)
        assert service.pid(settings) is None


def test_the_server_answers_with_its_headers(server):
    with urllib.request.urlopen(f"{server}/gezond", timeout=WAIT) as answer:
        assert json.loads(answer.read()) == {"status": "ok"}
    with urllib.request.urlopen(f"{server}/inloggen", timeout=WAIT) as answer:
        assert answer.status == 200
        assert "default-src 'none'" in answer.headers["content-security-policy"]
        assert answer.headers.get("server") is None


def test_a_chunked_body_is_cut_off_once_it_passes_the_limit(server):
    """No Content-Length: the server answers 413 as soon as the bytes read pass the limit, long
    before the client has sent everything. The client sends while the socket takes bytes and
    stops at the first byte of the answer: a server slowed down by a loaded machine is waited
    for, not mistaken for one that stopped reading."""
    port = int(server.rsplit(":", 1)[1])
    chunk = b"x" * (512 * 1024)
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as sock:
        sock.sendall(
            (
                f"POST /regio/{R1}/aanleveren HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                "Content-Type: multipart/form-data; boundary=zzz\r\n"
                "Transfer-Encoding: chunked\r\n\r\n"
            ).encode()
        )
        part = (
            b'--zzz\r\nContent-Disposition: form-data; name="bestanden"; filename="groot.xlsx"\r\n'
            b"Content-Type: application/octet-stream\r\n\r\n"
        )
        sock.sendall(f"{len(part):x}\r\n".encode() + part + b"\r\n")
        sent = _send_until_answered(sock, frame, most=200)  # 100 MB if the server read it all
        answer = _read_answer(sock)
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "het maximum is 10 MB" in answer
    assert sent < 80 * len(frame), f"{sent / len(frame):.0f} chunks of 512 kB were sent first"


def _send_until_answered(sock: socket.socket, frame: bytes, most: int) -> int:
    """Send `frame` up to `most` times, as fast as the socket takes it, until the server's answer
    (or its close) can be read; the bytes sent. Fails when no answer comes within WAIT."""
    sock.setblocking(False)
    sent = offset = frames = 0
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        writing = [sock] if frames < most else []
        readable, writable, _ = select.select([sock], writing, [], 0.5)
        if readable:
            return sent
        if not writable:
            continue
        try:
            count = sock.send(frame[offset:])
        except BlockingIOError:
            continue
        except ConnectionError:  # the server answered and closed; its answer is still read
            return sent
        sent += count
        offset += count
        if offset == len(frame):
            offset, frames = 0, frames + 1
    raise AssertionError(f"no answer within {WAIT} s after {sent} bytes")


def _read_answer(sock: socket.socket) -> str:
    """The whole HTTP answer: its head and Content-Length bytes of body, else all until the server
    closes (one recv may return the head alone)."""
    sock.settimeout(WAIT)
    data = b""
    while True:
        head, found, body = data.partition(b"\r\n\r\n")
        length = re.search(rb"(?im)^content-length:\s*(\d+)", head) if found else None
        if length and len(body) >= int(length.group(1)):
            break
        try:
            received = sock.recv(65536)
        except ConnectionResetError:
            break
        if not received:
            break
        data += received
    return data.decode(errors="replace")


# -- in Chromium -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "headless Chromium not found (/usr/bin/chromium or chromium on PATH): install it"
            " with `apt-get install chromium` (.ci/run does) to run the browser tests"
        )
    with Browser(executable, timeout=WAIT) as browser:
        yield browser


def _open(browser: Browser, url: str):
    """A new tab on `url`, once that document has loaded (checked on the page itself)."""
    page = browser.open(url, width=WIDTH, height=HEIGHT)
    _eventually(
        lambda: _loaded(page, f"location.href === {json.dumps(url)}"), f"{url} loaded in a new tab"
    )
    return page


def _loaded(page, condition: str) -> bool:
    try:
        return page.evaluate(f"document.readyState === 'complete' && ({condition})")
    except BrowserError:  # evaluated while the old document went away: not loaded yet
        return False


def _next_page(page, act) -> None:
    """Do `act` (go to a URL, press a form's button or Enter) and wait until the next document
    has loaded. The current one is marked first, and the wait is on the page itself: no check
    runs on the page it came from, whatever the order and pace of Chromium's load events."""
    page.evaluate("window.stoPreviousPage = true")
    act()
    _eventually(lambda: _loaded(page, "!window.stoPreviousPage"), "the next page loaded")


def _goto(page, url: str) -> None:
    _next_page(page, lambda: page.browser.send("Page.navigate", {"url": url}, session=page.session))


def _submit(page, selector: str) -> None:
    """Submit a form the way a person does (its button), and wait for the next page."""
    _next_page(
        page, lambda: page.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
    )


def _type(page, selector: str, text: str) -> None:
    page.evaluate(f"document.querySelector({json.dumps(selector)}).value = {json.dumps(text)}")


def _text(page) -> str:
    return page.evaluate("document.body.innerText")


def _shot(page, name: str, docs: bool = False) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = page.screenshot(SCREENSHOTS / f"{name}.png", full_page=False)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 5000, name
    if docs and os.environ.get("STO_PORTAL_DOCS_SCREENSHOTS"):
        # Smaller for the docs: the top of the page at three quarters of its size.
        clip = {"x": 0, "y": 0, "width": WIDTH, "height": 600, "scale": 0.75}
        shot = page.browser.send("Page.captureScreenshot", {"format": "png", "clip": clip},
                                 session=page.session)  # fmt: skip
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        (DOCS_IMAGES / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
    return path


def _download(browser: Browser, page, selector: str, folder: Path) -> Path:
    """Click a download link and wait until Chromium has saved the file."""
    browser.send("Browser.setDownloadBehavior",
                 {"behavior": "allowAndName", "downloadPath": str(folder), "eventsEnabled": True})  # fmt: skip
    page.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
    guid = None
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        for event in list(browser.events):
            params = event.get("params", {})
            if event.get("method") == "Browser.downloadWillBegin":
                guid = params["guid"]
                browser.events.remove(event)
            elif event.get("method") == "Browser.downloadProgress" and params.get("guid") == guid:
                browser.events.remove(event)
                if params["state"] == "completed":
                    return (folder / guid).rename(folder / f"{guid}.xlsx")
                if params["state"] == "canceled":
                    raise BrowserError("the download was canceled")
        browser.events.append(browser._read())
    raise BrowserError(f"no download within {WAIT} s")


def _fill(template: Path, out: Path, amount: object) -> Path:
    """Fill the downloaded template the way a region does, in its own sheets and columns."""
    workbook = load_workbook(template)
    rows = h.report(R1, datetime(2021, 10, 1, 9, 0))
    rows["uitgaven"][0]["bedrag"] = amount
    rows["algemeen"][0]["regio_id"] = R1
    for sheet, records in rows.items():
        worksheet = workbook[sheet]
        header = [c.value for c in worksheet[1]]
        for index, record in enumerate(records, start=2):
            for column, name in enumerate(header, start=1):
                if name in record:
                    value = record[name]
                    worksheet.cell(
                        index, column, float(value) if hasattr(value, "as_tuple") else value
                    )
    workbook.save(out)
    return out


@pytest.mark.browser
def test_a_region_walks_the_main_path_in_chromium(chromium, server, portal, tmp_path):
    page = _open(chromium, f"{server}/inloggen")
    _shot(page, "01-inloggen", docs=True)
    assert _contrast_problems(page) == []
    # By keyboard only: Tab to the name, type, Tab to the password, type, Enter.
    _tab_to(page, "gebruikersnaam")
    page.browser.send("Input.insertText", {"text": "r1@regio.example"}, session=page.session)
    _tab_to(page, "wachtwoord")
    page.browser.send("Input.insertText", {"text": portal.passwords["r1@regio.example"]},
                      session=page.session)  # fmt: skip
    _next_page(page, lambda: _press_enter(page))
    assert "Wat u moet indienen" in _text(page)
    assert _contrast_problems(page) == []
    _shot(page, "02-overzicht", docs=True)

    _goto(page, f"{server}/regio/{R1}/sjablonen")
    template = _download(chromium, page,
                         'a[href$="voortgang.xlsx?periode=2020-2023-VR1"]', tmp_path)  # fmt: skip
    meta = dict(load_workbook(template, read_only=True)["_meta"].iter_rows(values_only=True))
    assert meta["regio_id"] == R1

    faulty = _fill(template, tmp_path / "voortgang.xlsx", "twaalfduizend")
    _goto(page, f"{server}/regio/{R1}/aanleveren")
    _shot(page, "03-aanleveren", docs=True)
    _choose_file(page, "#bestanden", faulty)
    _submit(page, "form.formulier button[type=submit]")
    text = _text(page)
    assert "Afgewezen: er is niets van dit bestand opgeslagen" in text, text[:2000]
    assert _contrast_problems(page) == []
    cells = page.evaluate(
        "[...document.querySelectorAll('table.bevindingen tbody tr')]"
        ".map(r => [...r.cells].map(c => c.innerText))"
    )
    assert any(row[1] == "uitgaven" and row[2] == amount_cell() and row[3] == "twaalfduizend"
               and "bedrag" in row[4].lower() for row in cells), cells  # fmt: skip
    _shot(page, "04-afgewezen", docs=True)

    corrected = _fill(template, tmp_path / "voortgang-hersteld.xlsx", 120000)
    _goto(page, f"{server}/regio/{R1}/aanleveren")
    _choose_file(page, "#bestanden", corrected)
    _submit(page, "form.formulier button[type=submit]")
    assert "Goedgekeurd" in _text(page) and "wordt vannacht verwerkt" in _text(page)
    _shot(page, "05-goedgekeurd", docs=True)

    _goto(page, f"{server}/regio/{R1}/aanleveringen")
    assert "voortgang-hersteld.xlsx" in _text(page)
    _shot(page, "06-aanleveringen")
    _submit(page, "header form.inline button")
    assert "U bent uitgelogd" in _text(page)
    _shot(page, "07-uitgelogd")
    _goto(page, f"{server}/regio/{R1}/aanleveringen")
    assert "Inloggen" in _text(page)  # the session is gone
    assert page.problems() == []


def _press_enter(page) -> None:
    for kind in ("rawKeyDown", "char", "keyUp"):
        page.browser.send("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                          "windowsVirtualKeyCode": 13, "text": "\r"}, session=page.session)  # fmt: skip


def _tab_to(page, element_id: str, most: int = 12) -> None:
    """Press Tab until the element with this id has the focus (keyboard use)."""
    for _ in range(most):
        for kind in ("rawKeyDown", "keyUp"):
            page.browser.send("Input.dispatchKeyEvent", {"type": kind, "key": "Tab", "code": "Tab",
                              "windowsVirtualKeyCode": 9}, session=page.session)  # fmt: skip
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} not reached with Tab")


# WCAG 2.1 contrast (4.5:1 for text) of every element with text of its own, against the first
# opaque background behind it.
CONTRAST = """(() => {
  const rgb = s => { const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(parseFloat); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92
    : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1])
    + 0.0722 * f(c[2]); };
  const behind = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el)
    .backgroundColor); if (c && c[3] > 0.5) return c; } return [255, 255, 255, 1]; };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const a = lum(rgb(style.color)), b = lum(behind(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) bad.push([el.tagName, el.className, el.textContent.trim().slice(0, 40),
      ratio.toFixed(2)]);
  }
  return bad;
})()"""


def _contrast_problems(page) -> list:
    return page.evaluate(CONTRAST)


def _choose_file(page, selector: str, path: Path) -> None:
    send = page.browser.send
    root = send("DOM.getDocument", {"depth": 0}, session=page.session)["root"]["nodeId"]
    node = send("DOM.querySelector", {"nodeId": root, "selector": selector},
                session=page.session)["nodeId"]  # fmt: skip
    send("DOM.setFileInputFiles", {"files": [str(path)], "nodeId": node}, session=page.session)


@pytest.mark.browser
def test_the_browser_checks_can_fail(chromium, server):
    """The walk's checks see what they look for: an inline script added to a portal page is
    refused by the portal's CSP and Chromium's report of it is seen; light grey text is found
    by the contrast check. Chromium reports the refusal when it gets to it: waited for."""
    page = _open(chromium, f"{server}/inloggen")
    page.evaluate(
        "(() => { const s = document.createElement('script'); s.textContent = '1';"
        " document.body.appendChild(s); const p = document.createElement('p');"
        " p.textContent = 'lichtgrijs'; p.style.color = '#bbbbbb';"
        " document.body.appendChild(p); })()"
    )
    _eventually(
        lambda: any("Content Security Policy" in p for p in page.problems()),
        "Chromium's report of the inline script the CSP refused",
    )
    assert [row[2] for row in _contrast_problems(page)] == ["lichtgrijs"]

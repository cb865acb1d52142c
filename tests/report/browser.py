"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``):
no pip package, no TCP port. Opens pages, collects every console message, uncaught exception
and browser log entry (failed loads, CSP violations), evaluates DOM checks and takes
screenshots."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)


SHIM = (
    "import os, sys; r, w = int(sys.argv[1]), int(sys.argv[2]); os.dup2(r, 3); os.dup2(w, 4);"
    " os.close(r); os.close(w); os.execv(sys.argv[3], sys.argv[3:])"
)


def find_chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        path = shutil.which(candidate)
        if path:
            return path
    return None


class BrowserError(RuntimeError):
    pass


def _high_fd(fd: int) -> int:
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


class Browser:
    def __init__(self, executable: str, *, timeout: float = 30):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="sto-chromium-")
        self._log = tempfile.TemporaryFile()  # Chromium's stderr, read when it dies
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # The protocol pipe must be fds 3 (commands in) and 4 (replies out) of the browser: a tiny
        # Python shim moves the child's ends there (from above 9, so neither clobbers the other).
        to_browser_r, from_browser_w = (_high_fd(fd) for fd in (to_browser_r, from_browser_w))
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                SHIM,
                str(to_browser_r),
                str(from_browser_w),
                executable,
                *FLAGS,
                f"--user-data-dir={self.profile}",
            ],
            pass_fds=(to_browser_r, from_browser_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    # -- protocol --------------------------------------------------------------------------------
    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        except BrokenPipeError as exc:
            raise BrowserError(f"Chromium exited: {self._stderr()}") from exc
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_browser], [], [], max(left, 0))
            if not ready:
                raise BrowserError("no answer from Chromium within the timeout")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium exited: {self._stderr()}")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(raw)

    def wait_for(self, method: str, session: str) -> dict:
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self._read())

    def _stderr(self) -> str:
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self._log.seek(0)
        return self._log.read().decode(errors="replace")[-2000:]

    # -- pages -----------------------------------------------------------------------------------
    def open(self, url: str, *, width: int = 1280, height: int = 2000) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        return Page(self, session, target, url, width, height)

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self._log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Page:
    def __init__(
        self, browser: Browser, session: str, target: str, url: str, width: int, height: int
    ):
        self.browser, self.session, self.target, self.url = browser, session, target, url
        self.width, self.height = width, height

    def evaluate(self, expression: str):
        result = self.browser.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=self.session,
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"evaluate failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, *, full_page: bool = True) -> Path:
        """A PNG of the viewport, or of the whole page (``full_page``, at most 16,000 px): the
        viewport is stretched to the page for the capture, then put back."""
        send = self.browser.send
        if full_page:
            size = send("Page.getLayoutMetrics", session=self.session)["cssContentSize"]
            metrics = {"width": self.width, "deviceScaleFactor": 1, "mobile": False}
            height = max(self.height, min(int(size["height"]), 16_000))
            send(
                "Emulation.setDeviceMetricsOverride",
                {**metrics, "height": height},
                session=self.session,
            )
        data = send("Page.captureScreenshot", {"format": "png"}, session=self.session)["data"]
        if full_page:
            send(
                "Emulation.setDeviceMetricsOverride",
                {**metrics, "height": self.height},
                session=self.session,
            )
        path.write_bytes(base64.b64decode(data))
        return path

    def problems(self) -> list[str]:
        """Console messages of level error/warning, uncaught exceptions and browser log errors
        (failed resource loads, CSP violations) seen on this page so far."""
        self.evaluate("1")  # flush events queued before now
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                found.append(f"uncaught: {details.get('text')} {details.get('exception', {})}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in (
                "error",
                "warning",
                "assert",
            ):
                args = [a.get("value", a.get("description")) for a in params.get("args", [])]
                found.append(f"console.{params['type']}: {args}")
            elif method == "Log.entryAdded":
                entry = params.get("entry", {})
                if entry.get("level") in ("error", "warning"):
                    where = f" ({entry['url']})" if entry.get("url") else ""
                    found.append(
                        f"{entry.get('source')} {entry.get('level')}: {entry.get('text')}{where}"
                    )
        return found

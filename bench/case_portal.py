"""The regions' portal: feedback on the web vs the same verdict in-process, and 78 regions at once.

A private warehouse (`sto up --no-airflow`) with the synthetic country's address lists and the
78 regions of 2020-2024 registered by the nightly flow, one portal account per region, and the
portal running as `sto up` runs it (uvicorn, its default workers) on a real socket.

1. Feedback: a region's real-sized progress report (the synthetic national set's voortgang
   2020-2023-VR1, the filled template) uploaded through the portal until the page with its
   verdict is back, against `sto submission check` of the same file in-process (``verdict.check``: read,
   validate against the warehouse). Alternated, one region per round (new bytes each time, so
   every upload is judged). Target: web <= 1.5x.
2. Deadline: all 78 regions upload another report at the same moment (a barrier, one thread
   per region). Every request must be answered with its verdict, none lost: 78 uploads
   recorded, every approved one in the landing folder and loaded by the night after, every
   rejected one with its feedback report. Recorded: p50, p95 and the slowest answer.
"""

from __future__ import annotations

import os
import secrets
import statistics
import threading
import time
from collections import defaultdict
from pathlib import Path

from bench.common import Measurement, Ratio

PASSWORD = secrets.token_urlsafe(16)  # a throwaway warehouse, deleted afterwards


def _reports(regions: int) -> dict[str, dict]:
    """Per region: its registrations, and two of its reports (xlsx) to upload: the progress
    report 2020-2023-VR1 where it is an xlsx, and another."""
    from sto_warehouse.synth.submissions import _contents

    found: dict[str, dict] = defaultdict(lambda: {"registrations": [], "reports": []})
    for relative, data in _contents(2026, 1.0):
        region, name = relative.split("/", 1)
        if not region.startswith("DUSI-20-"):
            continue
        if name.startswith("registratie_2020-2024"):
            found[region]["registrations"].append((name, data))
        elif name.endswith(".xlsx") and name.startswith(("voortgang_", "eindverslag_")):
            found[region]["reports"].append((name, data))
    chosen = {}
    for region in sorted(found)[:regions]:
        reports = sorted(found[region]["reports"], key=lambda f: "VR1" not in f[0])
        if len(reports) >= 2:
            chosen[region] = {**found[region], "first": reports[0], "second": reports[1]}
    return chosen


def _prepare(settings, reports: dict) -> None:
    from sto_warehouse.ingest import pipeline as duo_pipeline
    from sto_warehouse.portal import accounts
    from sto_warehouse.submissions import pipeline as submissions
    from sto_warehouse.synth import duo

    duo.generate_files(settings.landing / "duo", scale=1.0, seed=2026, peiljaren=range(2018, 2019),
                       snapshots=["2018-12", "2023-12"], datasets={duo.VESTIGINGEN})  # fmt: skip
    duo_pipeline.load_paths(settings, "bench-portal-duo")
    for region, files in reports.items():
        for name, data in files["registrations"]:
            path = settings.landing / "submissions" / region / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        accounts.add(settings, f"{region.lower()}@bench.example", "regio", region_id=region,
                     password=PASSWORD, must_change=False)  # fmt: skip
    submissions.load_all(settings, "bench-portal-registrations")


class Region:
    """One region's browser: logged in, uploads a file and reads its result page."""

    def __init__(self, base: str, region: str):
        import httpx

        self.region = region
        self.http = httpx.Client(base_url=base, timeout=600, follow_redirects=False)
        form = self.http.get("/inloggen")
        answer = self.http.post("/inloggen", data={
            "gebruikersnaam": f"{region.lower()}@bench.example", "wachtwoord": PASSWORD,
            "csrf": _csrf(form.text)})  # fmt: skip
        assert answer.status_code == 303, answer.text[:500]
        self.csrf = _csrf(self.http.get(f"/regio/{region}/aanleveren").text)

    def upload(self, name: str, data: bytes) -> tuple[float, str]:
        """(seconds until the page with the verdict was back, the verdict shown)."""
        start = time.perf_counter()
        page = self.http.post(
            f"/regio/{self.region}/aanleveren",
            data={"csrf": self.csrf},
            files=[("bestanden", (name, data, "application/octet-stream"))],
        )
        elapsed = time.perf_counter() - start
        if page.status_code != 200 or "content-location" not in page.headers:
            raise RuntimeError(f"{self.region}: HTTP {page.status_code}: {page.text[:300]}")
        verdict = next((v for v in ("Goedgekeurd", "Afgewezen", "al eerder") if v in page.text), "")
        return elapsed, verdict

    def close(self) -> None:
        self.http.close()


def _csrf(html: str) -> str:
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def run(repeats: int = 5, regions: int = 78) -> dict:
    from bench.stack import Stack
    from sto_warehouse.portal import service
    from sto_warehouse.submissions import verdict

    reports = _reports(regions)
    web = Measurement(
        "portal",
        "feedback on a progress report through the portal (upload to the page with the verdict)",
    )
    check = Measurement(
        "portal", "the same file, `sto submission check` in-process (verdict.check)"
    )
    with Stack(airflow=False) as stack:
        settings = stack.settings()
        _prepare(settings, reports)
        service.start(settings, echo=lambda *_: None)
        base = f"http://127.0.0.1:{settings.portal_port}"
        try:
            browsers = {r: Region(base, r) for r in reports}
            # 1. one region per round, alternated; first a judgement per server worker
            # (each imports openpyxl on its first workbook, as the in-process side did)
            rounds = max(repeats, 3)
            for region in list(reports)[rounds : rounds + 2]:
                browsers[region].upload(*reports[region]["first"])
            for region in list(reports)[:rounds]:
                name, data = reports[region]["first"]
                seconds, shown = browsers[region].upload(name, data)
                if shown not in ("Goedgekeurd", "Afgewezen"):
                    raise RuntimeError(f"{region}: no verdict on the result page")
                web.seconds.append(seconds)
                start = time.perf_counter()
                verdict.check(settings, [(name, data)], sender=region)
                check.seconds.append(time.perf_counter() - start)
            # 2. every region at once
            barrier = threading.Barrier(len(browsers))
            answers: dict[str, tuple[float, str]] = {}
            errors: dict[str, str] = {}

            def deliver(region: str) -> None:
                name, data = reports[region]["second"]
                barrier.wait()
                try:
                    answers[region] = browsers[region].upload(name, data)
                except Exception as exc:  # noqa: BLE001 - counted as lost, reported below
                    errors[region] = f"{type(exc).__name__}: {exc}"

            threads = [threading.Thread(target=deliver, args=(r,)) for r in browsers]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - started
            load = os.getloadavg()
            for browser in browsers.values():
                browser.close()
        finally:
            service.stop(settings)
        none_lost = _verify(settings, reports, answers)
    latencies = [seconds for seconds, _ in answers.values()]
    burst = Measurement(
        "portal",
        f"{len(reports)} regions uploading at once: each answer (upload to the page with the verdict)",
        latencies,
        extra={
            "regions": len(reports),
            "answered": len(answers),
            "errors": errors,
            "wall_seconds": round(wall, 2),
            "p50": round(statistics.median(latencies), 2) if latencies else None,
            "p95": round(_percentile(latencies, 0.95), 2) if latencies else None,
            "max": round(max(latencies), 2) if latencies else None,
            # the machine's load over the last minute, right after the burst (a shared machine)
            "load_average": [round(x, 1) for x in load],
            "verdicts": {
                v: sum(1 for _, s in answers.values() if s == v)
                for v in {s for _, s in answers.values()}
            },  # fmt: skip
            **none_lost,
        },
    )
    feedback = web.median / check.median
    all_answered = len(answers) == len(reports) and not errors and none_lost["lost"] == 0
    ratios = [
        Ratio(
            "portal",
            "portal feedback / in-process `sto submission check`",
            feedback,
            "<= 1.5x",
            feedback <= 1.5,
        ),  # fmt: skip
        Ratio(
            "portal",
            f"{len(reports)} concurrent uploads answered and kept (p95"
            f" {burst.extra['p95']} s, slowest {burst.extra['max']} s, all in {wall:.1f} s)",
            len(answers) / len(reports),
            "all (1.00)",
            all_answered,
            "" if all_answered else f"errors: {errors}; {none_lost}",
        ),
    ]
    return {"measurements": [web, check, burst], "ratios": ratios}


def _verify(settings, reports: dict, answers: dict) -> dict:
    """None lost: every upload recorded, every approved one in the landing folder and loaded by
    the night, every rejected one with its feedback report."""
    from sto_warehouse import db
    from sto_warehouse.submissions import pipeline as submissions

    with db.admin(settings) as conn:
        rows = conn.execute(
            "select sender, outcome, landing_path, submission_id, sha256 from portal.uploads"
            " order by upload_id"
        ).fetchall()
    second = {region: files["second"][0] for region, files in reports.items()}
    latest = {}
    for sender, outcome, landing, submission_id, sha in rows:
        latest[sender] = (outcome, landing, submission_id, sha)  # the later of its two uploads
    lost = 0
    for region, name in second.items():
        outcome, landing, submission_id, _ = latest.get(region, (None, None, None, None))
        if outcome == "goedgekeurd":
            lost += not (landing and (Path(landing) / name).exists())
        elif outcome == "afgewezen":
            lost += submission_id is None
        else:
            lost += 1
    night = submissions.load_all(settings, "bench-portal-night")
    loaded = {x["sha256"] for x in night["loaded"]}
    approved = {sha for outcome, _, _, sha in latest.values() if outcome == "goedgekeurd"}
    return {"lost": lost + len(approved - loaded), "approved": len(approved),
            "loaded_by_the_night": len(approved & loaded),
            "recorded": sum(1 for r in second if r in latest)}  # fmt: skip

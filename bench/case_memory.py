"""Peak memory per step: the loader must stream (a 10x file must not need 10x memory).

Each load runs in a fresh process; its peak resident set (VmHWM) is read at the end. The
same for the generator and the raw gate, which run in the same process kinds in production.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Measurement, Ratio
from bench.stack import Stack

LOAD = """
import json, sys


def peak_mb():
    # VmHWM: the high-water mark of this process's own memory. Not ru_maxrss: Linux carries
    # that across fork + exec, so a child of a big parent reports the parent's peak.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024


from sto_warehouse import config
from sto_warehouse.ingest import copy_loader, pipeline
from sto_warehouse.registry import get
settings = config.load_settings(sys.argv[1])
path = sys.argv[2]
from sto_warehouse.ingest import files
scan = files.scan(__import__('pathlib').Path(path))
task = {"source": "bench", "sha256": scan.sha256, "original_name": path.rsplit('/', 1)[1],
        "landing_path": "", "archive_path": path, "size": scan.size, "first_seen": "2026-11-01",
        "force": True}
staged = pipeline.stage(settings, task, "bench-memory")
import psycopg
with psycopg.connect(settings.loader_url) as conn:
    copy_loader.swap_in(conn, get(staged["dataset"]), copy_loader.Staged(
        staged["load_id"], staged["dataset"], staged["period"], staged["pending_table"],
        staged["row_count"]), scan.sha256, force=True)
print(json.dumps({"rows": staged["row_count"],
                  "peak_mb": peak_mb()}))
"""


def run(repeats: int = 3, base_scale: float = 3.0) -> dict:
    from sto_warehouse.synth import duo

    work = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    results = {}
    with Stack(airflow=False) as stack:
        for factor in (1, 10):
            out = work / f"x{factor}"
            (path,) = duo.generate(
                out,
                scale=base_scale * factor,
                peiljaren=range(2030 + factor, 2031 + factor),
                snapshots=[],
                datasets={"duo_vo_leerlingen_onderwijstype"},
            )
            m = Measurement("memory", f"loader peak RSS, {factor}x file", [])
            for _ in range(repeats):
                out_json = (
                    subprocess.run(
                        [sys.executable, "-c", LOAD, str(stack.home), str(path)],
                        capture_output=True,
                        text=True,
                        check=True,
                        env=stack.env,
                    )
                    .stdout.strip()
                    .splitlines()[-1]
                )
                info = json.loads(out_json)
                m.seconds.append(info["peak_mb"])  # megabytes, in the numbers column
            m.extra = {"rows": info["rows"], "unit": "MB", "file_mb": path.stat().st_size / 1e6}
            m.name += f" ({info['rows']:,} rows, {m.extra['file_mb']:.0f} MB file; MB, not s)"
            results[factor] = m
    shutil.rmtree(work, ignore_errors=True)
    growth = results[10].median / results[1].median
    return {
        "measurements": [results[1], results[10]],
        "ratios": [
            Ratio(
                "memory",
                "loader peak memory, 10x file / 1x file",
                growth,
                "well below 10x (streaming)",
                growth < 2,
            )
        ],
    }

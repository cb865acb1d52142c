"""The nightly dbt selection as Airflow tasks: one task per model, seed and snapshot, one per
model's (or seed's) data tests, one per singular test; written from dbt's manifest, read by the
transform DAG at parse time (JSON only: a DAG file imports no dbt).

The shape follows cosmos' rendering (a `<name>_run`/`_seed`/`_snapshot` task, and `<name>_test`
after it) so a data engineer who knows cosmos reads it at once; the tasks do not run dbt (the one
`dbt build` of `dbt_build` does), they report their node's result from that build
(`sto_warehouse.dbt_watch`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

# What the nightly `dbt build` runs (orchestration.NIGHTLY_EXCLUDE leaves out the unit tests,
# which the manifest keeps apart from the nodes anyway).
BUILT = {"model": "run", "seed": "seed", "snapshot": "snapshot"}
FORMAT = 2


def project_fingerprint(project_dir: Path) -> str:
    """sha256 over the dbt project's own files: the graph is re-parsed only when it changes."""
    digest = hashlib.sha256()
    for path in sorted(project_dir.rglob("*")):
        if not path.is_file() or {"target", "logs", "dbt_packages"} & set(path.parts):
            continue
        digest.update(str(path.relative_to(project_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def layer(node: dict) -> str:
    """The task group a node's tasks sit in: the model's top folder (staging, intermediate,
    marts, monitor), or `seeds`/`snapshots`."""
    if node["resource_type"] == "model" and len(node.get("fqn", [])) > 2:
        return node["fqn"][1]
    return node["resource_type"] + "s"


def tasks_from_manifest(manifest: dict) -> list[dict]:
    """The tasks, upstream first: {task_id, kind, group, nodes (the unique_ids it reports),
    upstream (the tasks of the nodes they read)}.

    A model's data tests are one task after the model (a test attached to it, also one that
    compares with another model); a singular test is its own task after the models it reads.
    Downstream models wait for the upstream model's task, not its tests: dbt's build does skip a
    model whose upstream test failed, and its task then says so (skipped, with the reason).
    """
    nodes = manifest["nodes"]
    built = {uid: node for uid, node in nodes.items() if node["resource_type"] in BUILT}
    run_task = {
        uid: f"{node['name']}_{BUILT[node['resource_type']]}" for uid, node in built.items()
    }
    tests: dict[str, list[str]] = {}
    singular: list[str] = []
    for uid, node in nodes.items():
        if node["resource_type"] != "test":
            continue
        attached = node.get("attached_node")
        if attached in built:
            tests.setdefault(attached, []).append(uid)
        else:
            singular.append(uid)

    def upstream_of(uid: str) -> list[str]:
        deps = nodes[uid].get("depends_on", {}).get("nodes", [])
        return sorted({run_task[dep] for dep in deps if dep in run_task})

    tasks = [
        {
            "task_id": run_task[uid],
            "kind": built[uid]["resource_type"],
            "group": layer(built[uid]),
            "nodes": [uid],
            "upstream": upstream_of(uid),
        }
        for uid in built
    ]
    for attached, uids in tests.items():
        upstream = {run_task[attached]} | {t for uid in uids for t in upstream_of(uid)}
        tasks.append(
            {
                "task_id": f"{built[attached]['name']}_test",
                "kind": "test",
                "group": layer(built[attached]),
                "nodes": sorted(uids),
                "upstream": sorted(upstream),
            }
        )
    for uid in singular:
        tasks.append(
            {
                "task_id": nodes[uid]["name"],
                "kind": "test",
                "group": "tests",
                "nodes": [uid],
                "upstream": upstream_of(uid),
            }
        )
    return _topological(tasks)


def _topological(tasks: list[dict]) -> list[dict]:
    by_id = {task["task_id"]: task for task in tasks}
    if len(by_id) != len(tasks):
        seen: set[str] = set()
        clash = next(t["task_id"] for t in tasks if t["task_id"] in seen or seen.add(t["task_id"]))
        raise ValueError(f"two dbt nodes would be the same Airflow task {clash!r}: rename one")
    ordered: list[dict] = []
    done: set[str] = set()

    def visit(task_id: str) -> None:
        if task_id in done:
            return
        done.add(task_id)
        for up in by_id[task_id]["upstream"]:
            visit(up)
        ordered.append(by_id[task_id])

    for task_id in sorted(by_id):
        visit(task_id)
    return ordered


def write(manifest_path: Path, out: Path, fingerprint: str) -> list[dict]:
    """The graph file the DAG reads ($STO_HOME/dbt/nodes.json), replaced atomically."""
    tasks = tasks_from_manifest(json.loads(manifest_path.read_text()))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".json.partial")
    document = {"format": FORMAT, "fingerprint": fingerprint, "tasks": tasks}
    partial.write_text(json.dumps(document, indent=1))
    partial.replace(out)
    return tasks


def read(path: Path) -> dict | None:
    """The graph file, or None when there is none yet (`sto up` writes it) or it is unreadable."""
    try:
        document = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return document if document.get("format") == FORMAT else None

"""The dbt nodes as Airflow tasks: the graph from a manifest, and each task's verdict from the
build's JSON log (sto_warehouse.dbt_graph, sto_warehouse.dbt_watch)."""

from __future__ import annotations

import json

from sto_warehouse import dbt_graph, dbt_watch


def _node(uid: str, kind: str, fqn: list[str], deps=(), attached=None) -> tuple[str, dict]:
    node = {
        "resource_type": kind,
        "name": uid.split(".")[-1],
        "fqn": fqn,
        "depends_on": {"nodes": list(deps)},
    }
    if attached:
        node["attached_node"] = attached
    return uid, node


MANIFEST = {
    "nodes": dict(
        [
            _node("seed.p.settings", "seed", ["p", "settings"]),
            _node("model.p.stg_a", "model", ["p", "staging", "duo", "stg_a"]),
            _node("model.p.fct_b", "model", ["p", "marts", "fct_b"], ["model.p.stg_a"]),
            _node(
                "model.p.ind_c",
                "model",
                ["p", "monitor", "ind_c"],
                ["model.p.fct_b", "seed.p.settings"],
            ),
            _node("test.p.not_null_a", "test", ["p", "x"], ["model.p.stg_a"], "model.p.stg_a"),
            _node("test.p.unique_a", "test", ["p", "x"], ["model.p.stg_a"], "model.p.stg_a"),
            # a relationships test on fct_b that also reads ind_c (built after fct_b)
            _node(
                "test.p.rel_b_c",
                "test",
                ["p", "x"],
                ["model.p.fct_b", "model.p.ind_c"],
                "model.p.fct_b",
            ),
            _node("test.p.assert_totals", "test", ["p", "assert_totals"], ["model.p.ind_c"]),
            _node("analysis.p.scratch", "analysis", ["p", "scratch"]),
        ]
    )
}


def test_every_built_node_is_one_task_and_tests_go_with_their_model():
    tasks = {t["task_id"]: t for t in dbt_graph.tasks_from_manifest(MANIFEST)}
    assert set(tasks) == {
        "settings_seed",
        "stg_a_run",
        "stg_a_test",
        "fct_b_run",
        "fct_b_test",
        "ind_c_run",
        "assert_totals",
    }
    assert tasks["stg_a_test"]["nodes"] == ["test.p.not_null_a", "test.p.unique_a"]
    assert tasks["stg_a_test"]["upstream"] == ["stg_a_run"]
    # the test of fct_b that compares with ind_c waits for both
    assert tasks["fct_b_test"]["upstream"] == ["fct_b_run", "ind_c_run"]
    assert tasks["ind_c_run"]["upstream"] == ["fct_b_run", "settings_seed"]
    assert {t["group"] for t in tasks.values()} == {"seeds", "staging", "marts", "monitor", "tests"}
    assert tasks["stg_a_test"]["group"] == "staging"


def test_tasks_come_upstream_first():
    order = [t["task_id"] for t in dbt_graph.tasks_from_manifest(MANIFEST)]
    for task in dbt_graph.tasks_from_manifest(MANIFEST):
        for up in task["upstream"]:
            assert order.index(up) < order.index(task["task_id"])


def test_graph_file_round_trips_and_rejects_another_format(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps(MANIFEST))
    out = tmp_path / "nodes.json"
    written = dbt_graph.write(manifest, out, "abc")
    assert dbt_graph.read(out) == {
        "format": dbt_graph.FORMAT,
        "fingerprint": "abc",
        "tasks": written,
    }
    out.write_text(json.dumps({"format": -1, "tasks": []}))
    assert dbt_graph.read(out) is None
    assert dbt_graph.read(tmp_path / "missing.json") is None


def test_project_fingerprint_follows_the_project_files_not_its_target(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "a.sql").write_text("select 1")
    before = dbt_graph.project_fingerprint(tmp_path)
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "manifest.json").write_text("{}")
    assert dbt_graph.project_fingerprint(tmp_path) == before
    (tmp_path / "models" / "a.sql").write_text("select 2")
    assert dbt_graph.project_fingerprint(tmp_path) != before


def _event(name: str, uid: str, **result) -> str:
    data = {"node_info": {"unique_id": uid}}
    if name == "NodeFinished":
        data["run_result"] = result
    return json.dumps({"info": {"name": name, "ts": "2026-12-08T02:00:00Z"}, "data": data}) + "\n"


def test_a_task_waits_for_its_nodes_and_takes_dbts_status(tmp_path):
    log = dbt_watch.BuildLog(tmp_path)
    nodes = ["test.p.not_null_a", "test.p.unique_a"]
    assert dbt_watch.verdict(nodes, log) is None  # no log yet: waiting
    path = tmp_path / dbt_watch.LOG_NAME
    with path.open("a") as out:
        out.write(_event("NodeStart", nodes[0]))
        out.write(_event("NodeFinished", nodes[0], status="pass", execution_time=0.2))
        out.write('{"info": {"name": "NodeFinished", "ts": "x"}, "da')  # dbt still writing
    log.poll()
    assert log.started == {nodes[0]: "2026-12-08T02:00:00Z"}
    assert dbt_watch.verdict(nodes, log) is None  # one of two decided
    with path.open("a") as out:
        out.write('ta": {}}\n')
        out.write(_event("NodeFinished", nodes[1], status="fail", message="Got 3 results"))
    log.poll()
    state, lines = dbt_watch.verdict(nodes, log)
    assert state == "failed"
    assert lines[1] == "test.p.unique_a: fail in 0.0 s: Got 3 results"
    assert dbt_watch.verdict(["test.p.not_null_a"], log)[0] == "success"


def test_skipped_warned_and_never_run_nodes(tmp_path):
    path = tmp_path / dbt_watch.LOG_NAME
    path.write_text(
        _event("NodeFinished", "model.p.a", status="skipped")
        + _event("NodeFinished", "test.p.b", status="warn", message="Got 1 result")
    )
    log = dbt_watch.BuildLog(tmp_path)
    log.poll()
    assert dbt_watch.verdict(["model.p.a"], log)[0] == "skipped"
    assert dbt_watch.verdict(["test.p.b"], log)[0] == "success"
    assert dbt_watch.verdict(["model.p.c"], log) is None
    dbt_watch.mark_ended(tmp_path, "failed")
    assert dbt_watch.verdict(["model.p.c"], log) is None  # not seen before the next poll
    log.poll()
    state, lines = dbt_watch.verdict(["model.p.c"], log)
    assert state == "failed" and "dbt ended (failed) without running it" in lines[0]


def test_the_end_marker_is_read_before_the_log(tmp_path, monkeypatch):
    """dbt's last node finishes, then the producer marks the end: a poll that sees the marker
    must also see that node (the log is read after the marker, never before)."""
    path = tmp_path / dbt_watch.LOG_NAME
    path.write_text("")
    log = dbt_watch.BuildLog(tmp_path)
    read_log = log._read_log

    def build_ends_meanwhile():
        read_log()
        if not (tmp_path / dbt_watch.ENDED).exists():  # between this poll's two reads
            with path.open("a") as out:
                out.write(_event("NodeFinished", "model.p.last", status="success"))
            dbt_watch.mark_ended(tmp_path, "success")

    monkeypatch.setattr(log, "_read_log", build_ends_meanwhile)
    log.poll()
    assert dbt_watch.verdict(["model.p.last"], log) is None  # the end is seen next poll
    log.poll()
    assert dbt_watch.verdict(["model.p.last"], log)[0] == "success"


def test_a_rotated_log_is_read_to_its_end(tmp_path):
    path = tmp_path / dbt_watch.LOG_NAME
    path.write_text(_event("NodeFinished", "model.p.a", status="success"))
    log = dbt_watch.BuildLog(tmp_path)
    log.poll()
    with path.open("a") as out:  # written just before dbt's handler rolled the file over
        out.write(_event("NodeFinished", "model.p.b", status="success"))
    path.rename(tmp_path / "dbt.log.1")
    path.write_text(_event("NodeFinished", "model.p.c", status="error", message="boom"))
    log.poll()
    assert set(log.finished) == {"model.p.a", "model.p.b", "model.p.c"}
    log.close()


def test_a_new_attempt_starts_from_a_clean_log(tmp_path):
    (tmp_path / dbt_watch.LOG_NAME).write_text(_event("NodeFinished", "model.p.a", status="error"))
    dbt_watch.mark_ended(tmp_path, "failed")
    dbt_watch.start_afresh(tmp_path)
    log = dbt_watch.BuildLog(tmp_path)
    log.poll()
    assert log.ended() is None and log.finished == {}
    assert list(tmp_path.glob(dbt_watch.LOG_NAME + ".*")), "the earlier attempt's log is kept"


def test_a_follower_that_saw_one_attempt_follows_the_next_afresh(tmp_path):
    """dbt_build cleared and run again in the same run: the triggerer's shared follower drops
    what the first attempt said (its marker went away, its log was set aside)."""
    path = tmp_path / dbt_watch.LOG_NAME
    path.write_text(_event("NodeFinished", "model.p.a", status="error", message="first"))
    dbt_watch.mark_ended(tmp_path, "failed")
    log = dbt_watch.BuildLog(tmp_path)
    log.poll()
    assert dbt_watch.verdict(["model.p.a"], log)[0] == "failed"
    dbt_watch.start_afresh(tmp_path)
    log.poll()
    assert log.ended() is None and dbt_watch.verdict(["model.p.a"], log) is None
    path.write_text(_event("NodeFinished", "model.p.a", status="success"))
    log.poll()
    assert dbt_watch.verdict(["model.p.a"], log)[0] == "success"
    log.close()


def test_the_trigger_serializes_to_what_the_operator_starts_it_with():
    op = dbt_watch.DbtNodeOperator(
        task_id="stg_a_test", nodes=["test.p.not_null_a"], kind="test", dbt_runs="/tmp/x"
    )
    assert op.start_from_trigger is True
    args = op.start_trigger_args
    classpath, kwargs = dbt_watch.DbtNodeTrigger(**args.trigger_kwargs).serialize()
    assert classpath == args.trigger_cls
    assert kwargs["nodes"] == ["test.p.not_null_a"] and kwargs["dbt_runs"] == "/tmp/x"

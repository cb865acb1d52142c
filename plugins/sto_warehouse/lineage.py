"""From published rows back to the files behind them (`sto lineage`).

1. The rows: ``select … from <schema>.<table> where <condition>`` as the read-only bi_reader.
2. The release they belong to (``audit.releases``: run id, inputs).
3. The raw datasets upstream of the model, from dbt's manifest (sources the model depends on,
   transitively).
4. The partitions of those datasets in the release's inputs — narrowed to the rows' own load ids
   when the table carries ``source_load_id``, or to the rows' peiljaren — with their load ids,
   file names, sha256 and archive paths.
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
from psycopg import sql

from sto_warehouse import db
from sto_warehouse.config import Settings


def latest_manifest(settings: Settings) -> dict | None:
    candidates = sorted(
        settings.dbt_runs.glob("**/target/manifest.json"), key=lambda p: p.stat().st_mtime
    ) + sorted(settings.dbt_runs.glob("manifest/manifest.json"))
    if not candidates:
        return None
    return json.loads(Path(candidates[-1]).read_text())


def upstream_sources(manifest: dict, model: str) -> list[str]:
    """Raw tables (source names) the model depends on, transitively."""
    nodes = {**manifest.get("nodes", {}), **manifest.get("sources", {})}
    start = [
        key
        for key, node in nodes.items()
        if node.get("resource_type") == "model" and node.get("name") == model
    ]
    seen: set[str] = set()
    found: set[str] = set()
    while start:
        key = start.pop()
        if key in seen:
            continue
        seen.add(key)
        node = nodes.get(key) or {}
        if node.get("resource_type") == "source":
            found.add(node.get("name"))
            continue
        start.extend((node.get("depends_on") or {}).get("nodes", []))
    return sorted(found)


def trace(settings: Settings, table: str, where: str | None = None, limit: int = 1000) -> dict:
    schema, _, name = table.partition(".")
    if not name:
        schema, name = ("monitor" if table.startswith("ind_") else "marts"), table
    if schema not in ("marts", "monitor"):
        raise ValueError("lineage starts from a published table (marts.* or monitor.*)")
    with psycopg.connect(settings.bi_reader_url) as conn:
        columns = [
            r[0]
            for r in conn.execute(
                "select column_name from information_schema.columns where table_schema = %s"
                " and table_name = %s",
                (schema, name),
            ).fetchall()
        ]
        if not columns:
            raise ValueError(f"{schema}.{name} is not a published table")
        selected = [c for c in ("source_load_id", "peiljaar") if c in columns]
        query = sql.SQL("select {} from {}").format(
            sql.SQL(", ").join(sql.Identifier(c) for c in selected) if selected else sql.SQL("1"),
            sql.Identifier(schema, name),
        )
        if where:
            # An operator's filter, run read-only as bi_reader inside a read-only transaction.
            query += sql.SQL(" where ") + sql.SQL(where)  # noqa: S608 - trusted operator input
        query += sql.SQL(" limit {}").format(sql.Literal(limit))
        with conn.transaction():
            conn.execute("set transaction read only")
            rows = conn.execute(query).fetchall()
    position = {c: i for i, c in enumerate(selected)}
    load_ids = sorted(
        {
            r[position["source_load_id"]]
            for r in rows
            if "source_load_id" in position and r[position["source_load_id"]]
        }
    )
    peiljaren = sorted({str(r[position["peiljaar"]]) for r in rows if "peiljaar" in position})
    manifest = latest_manifest(settings)
    datasets = upstream_sources(manifest, name) if manifest else []
    with db.admin(settings) as conn:
        release = conn.execute(
            "select release_id, run_id, published_at, inputs from audit.releases"
            " order by release_id desc limit 1"
        ).fetchone()
        inputs = release[3] if release else []
        if load_ids:
            chosen = [i for i in inputs if i["load_id"] in load_ids]
        else:
            chosen = [i for i in inputs if not datasets or i["dataset"] in datasets]
            if peiljaren:
                yearly = [i for i in chosen if i["period"][:4] in peiljaren]
                snapshots = [i for i in chosen if len(i["period"]) == 7]
                chosen = yearly + snapshots if yearly else chosen
        details = []
        for item in chosen:
            load = conn.execute(
                "select l.run_id, l.loaded_at, l.vintage, l.period_source, f.archive_path"
                " from (select run_id, finished_at as loaded_at, vintage, period_source,"
                " file_sha256 from audit.loads where load_id = %s) as l"
                " left join audit.files as f using (file_sha256)",
                (item["load_id"],),
            ).fetchone()
            details.append(
                {
                    **item,
                    **dict(
                        zip(
                            (
                                "load_run_id",
                                "loaded_at",
                                "vintage",
                                "period_source",
                                "archive_path",
                            ),
                            load or (None,) * 5,
                            strict=True,
                        )
                    ),
                }
            )
    return {
        "table": f"{schema}.{name}",
        "rows_matched": len(rows),
        "release": {"release_id": release[0], "run_id": release[1], "published_at": str(release[2])}
        if release
        else None,
        "upstream_datasets": datasets,
        "source_load_ids": load_ids,
        "peiljaren": peiljaren,
        "partitions": details,
    }

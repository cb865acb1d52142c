"""Two gate runs at once each build Data Docs in a folder of their own and swap it in; neither
fails on the other's rename (a concurrent ingest run used to crash on ``raw.building``)."""

from __future__ import annotations

from pathlib import Path

from sto_warehouse.gates.runner import publish_site


def _site(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "index.html").write_text(text)
    return path


def test_a_built_site_replaces_the_current_one(tmp_path):
    docs = _site(tmp_path / "raw", "old")
    staging = _site(tmp_path / "raw.building-1-a", "new")
    assert publish_site(staging, docs, tmp_path / "raw.old-1-a")
    assert (docs / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw"]


def test_the_first_site_ever_needs_no_old_one(tmp_path):
    staging = _site(tmp_path / "raw.building-1-a", "new")
    assert publish_site(staging, tmp_path / "raw", tmp_path / "raw.old-1-a")
    assert (tmp_path / "raw" / "index.html").read_text() == "new"


def test_when_the_swap_is_refused_the_current_site_stays_and_ours_is_dropped(tmp_path):
    docs = _site(tmp_path / "raw", "theirs")
    ours = _site(tmp_path / "raw.building-1-a", "ours")
    # A rename the filesystem refuses (here: the move-away target is a non-empty folder), as
    # when a concurrent run's site lands between our two renames: no exception for the gate.
    blocked = _site(tmp_path / "raw.old-1-a", "in the way")
    assert publish_site(ours, docs, blocked) is False
    assert (docs / "index.html").read_text() == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw"]

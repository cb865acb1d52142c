"""Sites (monitor report, GX Data Docs) are built in a folder of their own and swapped in whole.
Two gate runs at once used to build into one fixed ``raw.building`` folder, and the second
rename crashed its loader."""

from __future__ import annotations

from pathlib import Path

from sto_warehouse import sitefolder


def _build(target: Path, text: str) -> Path:
    staging = sitefolder.staging_folder(target)
    (staging / "index.html").write_text(text)
    return staging


def test_two_builds_at_once_get_folders_of_their_own(tmp_path):
    target = tmp_path / "raw"
    first, second = _build(target, "first"), _build(target, "second")
    assert first != second
    assert (first / "index.html").read_text() == "first"


def test_a_built_site_replaces_the_current_one_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "raw"
    sitefolder.swap_in(_build(target, "old"), target)  # the first site: nothing to replace
    assert (target / "index.html").read_text() == "old"
    sitefolder.swap_in(_build(target, "new"), target)
    assert (target / "index.html").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["raw"]


def test_two_builds_finishing_in_turn_both_succeed_and_the_last_wins(tmp_path):
    target = tmp_path / "raw"
    sitefolder.swap_in(_build(target, "published"), target)
    first, second = _build(target, "first"), _build(target, "second")  # built side by side
    sitefolder.swap_in(first, target)
    sitefolder.swap_in(second, target)
    assert (target / "index.html").read_text() == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["raw"]

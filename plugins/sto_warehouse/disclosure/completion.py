"""The audit's completion of the secondary suppression (docs/monitor.md, "Disclosure control").

int_disclosure__withheld chooses the release-wide suppression with a heuristic over the groups;
the audit (``audit.py``) is exact. Where the heuristic leaves a withheld cell that linear
programming can still narrow to fewer than five values, this step - the transform's task between
the dbt build and the candidate gate - does what tau-ARGUS does after an audit: for each narrowed
cell it withholds one more published cell of the cell's block, the one that restores the
interval at the least cost (a non-total member before a total, then the smallest count; a pair
of the cheapest ``PAIR_POOL`` when no single cell widens it), records it in
``audit.disclosure_completion`` and rebuilds ``int_disclosure__withheld`` and everything
downstream. The heuristic's passes then protect the new cell like any other. Rounds repeat
until the audit finds nothing (at most ``MAX_ROUNDS``); the candidate gate audits the outcome
independently and fails, naming the cell, if a narrowed cell is still left.

The set is the current candidate's: ``incremental.start_candidate`` empties it, so a release
depends on its own data only (a full rebuild and an incremental night choose the same cells).
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import defaultdict
from dataclasses import dataclass

from sto_warehouse.disclosure import audit as auditing
from sto_warehouse.disclosure.audit import Cell, Release, intervals

log = logging.getLogger(__name__)

MAX_ROUNDS = 4  # dbt rebuilds of the protected models per candidate
CANDIDATES = 60  # published cells tried per step, the pinning ones first
PAIR_POOL = 12  # the cheapest candidates paired when no single one widens
STEPS_PER_CELL = 6  # choices for one narrowed cell before leaving it to the next round

COMPLETION_SELECTION = "int_disclosure__withheld+"


@dataclass(frozen=True)
class Choice:
    cell: Cell  # the published cell the completion withholds
    protects: Cell  # the narrowed cell it widens

    def describe(self) -> str:
        (m, k, c), (pm, pk, pc) = self.cell, self.protects
        return f"{m}[{k}].{c} withheld to protect {pm}[{pk}].{pc}"


class _Index:
    """Which groups each cell is in, which cells are totals of a sum, which are equal by a link
    (a group of one member and one total: the same people in two tables), and the parts of the
    release no withholding connects (each with its equations built once, ``audit.System``)."""

    def __init__(self, release: Release):
        self.release = release
        self.groups_of: dict[Cell, list[str]] = defaultdict(list)
        self.totals: set[Cell] = set()
        self.equal: dict[Cell, set[Cell]] = defaultdict(set)
        for group, (members, totals) in release.groups.items():
            for cell in members + totals:
                self.groups_of[cell].append(group)
            if len(members) == 1 and len(totals) == 1:
                self.equal[members[0]].add(totals[0])
                self.equal[totals[0]].add(members[0])
            else:
                self.totals.update(totals)
        self._part_of: dict[str, int] = {}
        self._parts: list[set[str]] = auditing.System(release).parts()
        for number, groups in enumerate(self._parts):
            self._part_of.update(dict.fromkeys(groups, number))
        self._systems: dict[int, tuple[dict, auditing.System]] = {}

    def part(self, cell: Cell) -> tuple[dict[str, tuple[list[Cell], list[Cell]]], auditing.System]:
        """The groups of the part of the release ``cell`` is in, and their System."""
        number = self._part_of[self.groups_of[cell][0]]
        if number not in self._systems:
            groups = {g: self.release.groups[g] for g in self._parts[number]}
            sub = Release(self.release.exact, self.release.published, groups, self.release.small)
            self._systems[number] = (groups, auditing.System(sub))
        return self._systems[number]

    def linked(self, cell: Cell, published: set[Cell]) -> set[Cell]:
        """``cell`` and every published cell equal to it through links: withholding one alone
        would hide nothing."""
        found, frontier = {cell}, [cell]
        while frontier:
            for other in self.equal[frontier.pop()]:
                if other in published and other not in found:
                    found.add(other)
                    frontier.append(other)
        return found

    def partners(self, published: set[Cell], cells: set[Cell]) -> set[Cell]:
        """What the heuristic's first rule will add once ``cells`` are withheld: in a group
        where one of them is the only unknown, the cheapest published member (positive, else
        the total), and so on for what that adds (a few levels). Used to judge a candidate as
        the rebuild will publish it; the heuristic itself stays in SQL."""
        exact = self.release.exact
        trial = published - cells
        added: set[Cell] = set()
        frontier = list(cells)
        for _level in range(3):
            following = []
            for cell in frontier:
                for group in self.groups_of[cell]:
                    members, totals = self.release.groups[group]
                    if sum(1 for c in members + totals if c not in trial) != 1:
                        continue
                    options = sorted(
                        (c for c in members if c in trial and exact.get(c, 0) > 0),
                        key=lambda c: (exact.get(c, 0), c),
                    ) or [c for c in totals if c in trial]
                    if not options:
                        continue
                    for other in self.linked(options[0], trial):
                        trial.discard(other)
                        added.add(other)
                        following.append(other)
            frontier = following
        return added


def _width(index: _Index, published: set[Cell], target: Cell) -> float:
    """How far the target can move (max - min) given ``published``, over its block alone; the
    rule's width when it is at least that (one LP instead of two)."""
    release = index.release
    groups, system = index.part(target)
    sub = Release(release.exact, published, groups, release.small)
    found = intervals(sub, wanted=lambda cell: cell == target, screen=True, system=system)
    if target not in found:
        return float(release.min_width)
    low, high = found[target]
    return high - low


def _candidates(index: _Index, published: set[Cell], target: Cell) -> list[Cell]:
    """Published cells that could widen the target: those of the groups that bind its LPs,
    then the rest of its block; within each, non-total members before totals and small counts
    before large ones."""
    release = index.release
    exact = release.exact
    groups, system = index.part(target)
    sub = Release(release.exact, published, groups, release.small)

    def cost(cell: Cell) -> tuple:
        return (cell in index.totals, exact.get(cell, 0), cell)

    binding, block = auditing.binding_groups(sub, target, system)
    pinning = {c for g in binding for c in sum(groups[g], [])}
    everything = {c for g in set(block) for c in sum(groups[g], [])}
    ordered = sorted(
        (c for c in everything if c in published and exact.get(c, 0) > 0),
        key=lambda c: (c not in pinning, *cost(c)),
    )
    return ordered[:CANDIDATES]


def choose(release: Release, narrowed: list[Cell]) -> list[Choice]:
    """The published cells to withhold so that no cell of ``narrowed`` can be narrowed any
    more, chosen greedily per narrowed cell: of the candidates (``_candidates``), each judged
    together with the cells it is linked to and the partners the heuristic will give it, the
    first that gives the cell the width the rule asks, else the one that widens it most, and
    again. Withholding more only widens intervals, so a cell an earlier choice has already
    widened costs two LPs. The rebuild and the audit that follow are the proof."""
    index = _Index(release)
    published = set(release.published)
    need = release.min_width - 1e-6
    chosen: list[Choice] = []
    for target in narrowed:
        for _ in range(STEPS_PER_CELL):
            width = _width(index, published, target)
            if width >= need:
                break
            candidates = _candidates(index, published, target)
            best, best_width, best_cells = None, width, set()
            # One cell at a time, else two: when every cell alone is pinned by another group,
            # only a pair opens a direction the target can move in.
            for size, pool in ((1, candidates), (2, candidates[:PAIR_POOL])):
                for combination in itertools.combinations(pool, size):
                    cells = set().union(*(index.linked(c, published) for c in combination))
                    cells |= index.partners(published, cells)
                    trial = _width(index, published - cells, target)
                    if trial > best_width + 1e-9:
                        best, best_width, best_cells = combination, trial, cells
                    if trial >= need:
                        break
                if best is not None:
                    break
            if best is None:
                log.warning("disclosure completion: no published cell widens %s", target)
                break
            for cell in sorted(best_cells):
                published.discard(cell)
                chosen.append(Choice(cell, target))
    return chosen


# -- the transform's step ----------------------------------------------------------------------


def record(conn, choices: list[Choice], run_id: str, round_: int) -> None:
    with conn.cursor() as cur:
        cur.executemany(
            "insert into audit.disclosure_completion"
            " (indicator, row_key, count_name, run_id, round, protects)"
            " values (%s, %s, %s, %s, %s, %s) on conflict do nothing",
            [
                (*choice.cell, run_id, round_, "{}[{}].{}".format(*choice.protects))
                for choice in choices
            ],
        )


def clear(conn) -> None:
    """A new candidate starts with the heuristic's suppression alone."""
    conn.execute("delete from audit.disclosure_completion")


def run(
    settings, run_id: str, monitor_schema: str = "monitor__wap", dbt_vars: dict | None = None
) -> dict:
    """Audit the candidate; while a withheld cell can be narrowed, withhold more and rebuild the
    protected models (at most MAX_ROUNDS). Returns what it did, for the task's XCom and log.
    ``dbt_vars``: the build's own vars, if any, for the rebuild (a test's)."""
    from sto_warehouse import db

    summary: dict = {"rounds": 0, "withheld": [], "narrowed_left": 0}
    started = time.perf_counter()
    for round_ in range(1, MAX_ROUNDS + 2):
        with db.transformer(settings) as conn:
            release = auditing.load(conn, monitor_schema)
            findings = auditing.audit(release)
            summary["narrowed_left"] = len(findings)
            if not findings or round_ > MAX_ROUNDS:
                break
            for finding in findings:
                log.info("narrowed: %s", finding.describe())
            choices = choose(release, [f.cell for f in findings])
            if not choices:
                break
            with conn.transaction():
                record(conn, choices, run_id, round_)
        for choice in choices:
            log.info("round %d: %s", round_, choice.describe())
        summary["withheld"] += [choice.describe() for choice in choices]
        summary["rounds"] = round_
        _rebuild(settings, run_id, round_, dbt_vars)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    log.info(
        "disclosure completion: %d cell(s) withheld in %d round(s), %d narrowed cell(s) left"
        " (the candidate gate audits again)",
        len(summary["withheld"]),
        summary["rounds"],
        summary["narrowed_left"],
    )
    return summary


def _rebuild(settings, run_id: str, round_: int, dbt_vars: dict | None = None) -> None:
    """int_disclosure__withheld and everything downstream, with their data tests; in a target
    folder of its own so the night's run_results stay the main build's."""
    from sto_warehouse import dbt_runner, orchestration

    target, _logs = dbt_runner.run_dirs(settings, run_id)
    base = target.parent / f"completion-{round_}"
    result = dbt_runner.run(
        settings,
        ["build", "--select", COMPLETION_SELECTION, "--exclude", orchestration.NIGHTLY_EXCLUDE],
        run_id,
        target_path=base / "target",
        log_path=base / "logs",
        capture=True,
        extra_vars=dbt_vars,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"disclosure completion: dbt build --select {COMPLETION_SELECTION} failed in round"
            f" {round_}; the release is unchanged:\n{result.stdout[-4000:]}"
        )

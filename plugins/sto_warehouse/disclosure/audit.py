"""The disclosure audit of a release (docs/monitor.md, "Disclosure control").

Every count the release would publish, across all protected tables, is a linear constraint: the
groups of ``intermediate.int_disclosure__groups`` (row groups, column groups and the links
between tables of the indicators' declarations) say that the non-total members of a group add
up to its total; a published count is a known value; a withheld count (NULL in the published
table) and an implicit count (``whole - part``, never a column) are unknowns >= 0. For every
unknown whose exact value lies in the small-cell range (1-4), linear programming finds the
smallest and the largest value it can take given everything published. The rule:

    a withheld cell with an exact value in [small_cell_lower, small_cell_upper] must keep an
    interval max - min of at least small_cell_upper + 1 (5): a reader who can bound it to
    [0, 4] - or to anything narrower than five values - has learnt that it is a small count.

The unknowns only meet through groups, so the system splits into independent components
(blocks: with the 78 regions one peiljaar x definition, thousands of unknowns; ``System``). A
batch screen clears the cells that can reach their exact value + 5 (``_cleared``); each cell
left costs two LPs over its block alone. This is the check tau-ARGUS calls an audit of the
suppression pattern; the choice of the pattern is int_disclosure__withheld's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

Cell = tuple[str, str, str]  # (model, row_key, count_name)
MAX_PINNING = 8  # published cells named per finding


@dataclass
class Finding:
    cell: Cell
    exact: int
    low: float
    high: float
    pinned_by: list[tuple[Cell, int]] = field(default_factory=list)

    def describe(self) -> str:
        model, row_key, count = self.cell
        pins = ", ".join(f"{m}[{k}].{c} = {v}" for (m, k, c), v in self.pinned_by)
        high = "unbounded" if self.high == float("inf") else f"{self.high:g}"
        return (
            f"{model}[{row_key}].{count} (withheld) can be narrowed to [{self.low:g}, {high}]"
            f" from the published {pins}"
        )


@dataclass
class Release:
    """What the audit needs: every cell's exact value, which cells a reader sees, the groups."""

    exact: dict[Cell, int]
    published: set[Cell]  # cells whose value the release shows (or lets a reader compute)
    groups: dict[str, tuple[list[Cell], list[Cell]]]  # group -> (members, totals)
    small: tuple[int, int] = (1, 4)  # the small-cell range, from the seed monitor_settings

    @property
    def min_width(self) -> int:
        return self.small[1] + 1


def unreconciled(release: Release) -> list[str]:
    """Groups whose members do not add up to their total on the exact values: a declared
    relation that is false (the LP would otherwise reason from a wrong equation)."""
    wrong = []
    for group, (members, totals) in release.groups.items():
        for total in totals:
            members_sum = sum(release.exact.get(c, 0) for c in members)
            if members_sum != release.exact.get(total, 0):
                wrong.append(f"{group}: members {members_sum} <> total {release.exact.get(total)}")
    return wrong


def published_small(release: Release) -> list[tuple[Cell, int]]:
    low, high = release.small
    return sorted(
        (c, v) for c in release.published if low <= (v := release.exact.get(c, 0)) <= high
    )


@dataclass
class _Block:
    """One independent part of the system: its unknown cells, the equations over them as a
    sparse matrix (a national block of 78 regions has thousands of unknowns and equations with
    a handful of non-zeros each), the right-hand sides after moving the published cells across,
    and the group each equation comes from."""

    cells: list[Cell]
    a_eq: Any  # scipy.sparse.csr_matrix, equations x cells
    b_eq: Any  # numpy array, one per equation
    groups: list[str]

    def __post_init__(self) -> None:
        self.index = {c: i for i, c in enumerate(self.cells)}


class System:
    """Every equation of a release (each group's members add up to each of its totals) over all
    its cells, built once. The blocks for a set of published cells are then array operations:
    the unknowns meet only through groups, so the blocks are the connected components of the
    graph of live equations and the unknowns in them. The audit builds one per release; the
    completion one per part of the release it judges hundreds of trial sets on."""

    def __init__(self, release: Release):
        import numpy as np

        ids: dict[Cell, int] = {}
        rows: list[int] = []
        columns: list[int] = []
        signs: list[int] = []
        self.groups: list[str] = []
        for group, (members, totals) in release.groups.items():
            member_ids = [ids.setdefault(c, len(ids)) for c in members]
            for total in totals:
                rows += [len(self.groups)] * (len(member_ids) + 1)
                columns += [*member_ids, ids.setdefault(total, len(ids))]
                signs += [1] * len(member_ids) + [-1]
                self.groups.append(group)
        self.cells = list(ids)
        self.rows = np.array(rows, dtype=np.int64)
        self.columns = np.array(columns, dtype=np.int64)
        self.signs = np.array(signs, dtype=float)
        self.exact = np.fromiter(
            (release.exact.get(c, 0) for c in self.cells), float, len(self.cells)
        )

    def mask(self, published: set[Cell]):
        import numpy as np

        return np.fromiter((c in published for c in self.cells), bool, len(self.cells))

    def _components(self, rows, columns):
        """Labels of the equations and the cells (equations first) of the graph of entries."""
        import numpy as np
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        n = len(self.groups) + len(self.cells)
        graph = coo_matrix((np.ones(len(rows)), (rows, len(self.groups) + columns)), shape=(n, n))
        return connected_components(graph, directed=False)[1]

    def parts(self) -> list[set[str]]:
        """The groups of each part of the release that no withholding can connect to another:
        the components with every cell unknown (in practice one per peiljaar)."""
        labels = self._components(self.rows, self.columns)[: len(self.groups)]
        parts: dict[int, set[str]] = defaultdict(set)
        for group, label in zip(self.groups, labels, strict=True):
            parts[label].add(group)
        return list(parts.values())

    def blocks(self, published, wanted) -> list[_Block]:
        """The blocks that hold a cell ``wanted`` selects, given the ``published`` mask."""
        import numpy as np
        from scipy.sparse import coo_matrix

        if not self.groups:
            return []
        n_equations, n_cells = len(self.groups), len(self.cells)
        rows, columns, signs = self.rows, self.columns, self.signs
        known = published[columns]
        b_eq = -np.bincount(
            rows[known], weights=signs[known] * self.exact[columns[known]], minlength=n_equations
        )
        # A cell twice in one equation (member and total) adds up; a zero coefficient is no tie.
        a_eq = coo_matrix(
            (signs[~known], (rows[~known], columns[~known])), shape=(n_equations, n_cells)
        ).tocsr()
        a_eq.sum_duplicates()
        a_eq.eliminate_zeros()
        entries = a_eq.tocoo()
        labels = self._components(entries.row, entries.col)
        live_equations = np.flatnonzero(np.diff(a_eq.indptr) > 0)
        tied = np.zeros(n_cells, bool)
        tied[entries.col] = True
        tied_cells = np.flatnonzero(tied)
        asked = {labels[n_equations + i] for i in tied_cells if wanted(self.cells[i])}
        if not asked:
            return []
        equations_by_label = _by_label(live_equations, labels[live_equations])
        cells_by_label = _by_label(tied_cells, labels[n_equations + tied_cells])
        blocks = []
        for label in sorted(asked):
            block_rows, block_cells = equations_by_label(label), cells_by_label(label)
            blocks.append(
                _Block(
                    cells=[self.cells[i] for i in block_cells],
                    a_eq=a_eq[block_rows][:, block_cells],
                    b_eq=b_eq[block_rows],
                    groups=[self.groups[i] for i in block_rows],
                )
            )
        return blocks


def _blocks(release: Release, wanted, system: System | None = None) -> list[_Block]:
    """The blocks of ``release`` that hold a cell ``wanted`` selects; ``system``: one built
    for the same groups (reused across trial sets of published cells)."""
    system = system or System(release)
    return system.blocks(system.mask(release.published), wanted)


def _by_label(items, labels):
    """items grouped by their label, looked up by label (one sort instead of a scan each)."""
    import numpy as np

    order = np.argsort(labels, kind="stable")
    items, labels = items[order], labels[order]

    def of(label):
        return items[np.searchsorted(labels, label) : np.searchsorted(labels, label, "right")]

    return of


def _cleared(release: Release, block: _Block, targets: list[Cell]) -> set[Cell]:
    """Targets that can reach exact + min_width: their interval is wide enough whatever their
    minimum (which is at most the exact value). Found in batches: one LP maximises the sum of the
    remaining targets, each capped at exact + min_width (so the LP is bounded), and every target
    the solution lifts that far is cleared; repeated while it clears any. What stays needs its
    own two LPs. A well-protected block clears in a few LPs instead of two per cell."""
    import numpy as np
    from scipy.optimize import linprog

    index = block.index
    cleared: set[Cell] = set()
    remaining = list(targets)
    while remaining:
        objective = np.zeros(len(block.cells))
        bounds = [(0, None)] * len(block.cells)
        for target in remaining:
            objective[index[target]] = -1
            bounds[index[target]] = (0, release.exact.get(target, 0) + release.min_width)
        result = linprog(objective, A_eq=block.a_eq, b_eq=block.b_eq, bounds=bounds, method="highs")
        if result.status != 0:
            break
        lifted = {
            t
            for t in remaining
            if result.x[index[t]] >= release.exact.get(t, 0) + release.min_width - 1e-6
        }
        if not lifted:
            break
        cleared |= lifted
        remaining = [t for t in remaining if t not in lifted]
    return cleared


def _extremes(target: Cell, block: _Block) -> list:
    """linprog's results for the minimum and the maximum of one unknown (None: unbounded)."""
    import numpy as np
    from scipy.optimize import linprog

    objective = np.zeros(len(block.cells))
    objective[block.index[target]] = 1
    results = []
    for sign in (1, -1):
        result = linprog(
            sign * objective, A_eq=block.a_eq, b_eq=block.b_eq, bounds=(0, None), method="highs"
        )
        if result.status == 3:  # unbounded: only the maximum can be
            results.append(None)
        elif result.status != 0:
            raise RuntimeError(f"disclosure audit: LP for {target}: {result.message}")
        else:
            results.append(result)
    return results


def intervals(
    release: Release, wanted=None, screen: bool = False, system: System | None = None
) -> dict[Cell, tuple[float, float]]:
    """min and max of every unknown cell that ``wanted(cell)`` selects (default: an exact value
    in the small-cell range), each by two LPs over its block alone. With ``screen``, the cells
    ``_cleared`` finds wide enough are left out (the audit needs only the narrow ones).
    ``system``: the release's, when the caller has built it already."""
    low, high = release.small
    if wanted is None:

        def wanted(cell: Cell) -> bool:
            return low <= release.exact.get(cell, 0) <= high

    found: dict[Cell, tuple[float, float]] = {}
    for block in _blocks(release, wanted, system):
        targets = [c for c in block.cells if wanted(c)]
        if screen:
            cleared = _cleared(release, block, targets)
            targets = [t for t in targets if t not in cleared]
        for target in targets:
            smallest, largest = _extremes(target, block)
            found[target] = (
                smallest.fun,
                float("inf") if largest is None else -largest.fun,
            )
    return found


def binding_groups(
    release: Release, target: Cell, system: System | None = None
) -> tuple[list[str], list[str]]:
    """The groups whose equations bind the target's minimum or maximum (a non-zero dual
    value), the strongest first: the published cells in them are what pins it; and every group
    of the target's block."""
    for block in _blocks(release, lambda cell: cell == target, system):
        weight: dict[str, float] = defaultdict(float)
        for result in _extremes(target, block):
            if result is None:
                continue
            for group, dual in zip(block.groups, result.eqlin.marginals, strict=True):
                if abs(dual) > 1e-9:
                    weight[group] += abs(dual)
        return sorted(weight, key=lambda g: (-weight[g], g)), block.groups
    return [], []


def audit(release: Release) -> list[Finding]:
    """Every withheld or implicit cell with a small exact value whose interval is too narrow."""
    narrow = [
        (cell, lo, hi)
        for cell, (lo, hi) in sorted(intervals(release, screen=True).items())
        if hi - lo < release.min_width - 1e-6
    ]
    groups_of = _groups_of(release) if narrow else {}
    return [
        Finding(cell, release.exact[cell], lo, hi, _pins(release, groups_of, cell))
        for cell, lo, hi in narrow
    ]


def _groups_of(release: Release) -> dict[Cell, list[list[Cell]]]:
    """Each cell's groups, as lists of their cells (built once per audit: a release has
    hundreds of thousands of cells)."""
    by_cell: dict[Cell, list[list[Cell]]] = defaultdict(list)
    for members, totals in release.groups.values():
        cells = members + totals
        for cell in cells:
            by_cell[cell].append(cells)
    return by_cell


def _pins(
    release: Release, groups_of: dict[Cell, list[list[Cell]]], target: Cell
) -> list[tuple[Cell, int]]:
    """The published cells that pin the target: those of its own groups first, then of the
    groups of the withheld cells it is tied to (its block), the first few."""
    pins: list[Cell] = []
    seen, frontier = {target}, [target]
    while frontier and len(pins) < MAX_PINNING:
        following = []
        for cell in frontier:
            for cells in groups_of.get(cell, []):
                for other in cells:
                    if other in seen:
                        continue
                    seen.add(other)
                    (pins if other in release.published else following).append(other)
        frontier = following
    return [(c, release.exact.get(c, 0)) for c in pins[:MAX_PINNING]]


# -- reading a release from the warehouse ---------------------------------------------------------


def load(conn, monitor_schema: str, intermediate: str = "intermediate") -> Release:
    """The release as the candidate (or published) monitor schema holds it."""
    from psycopg import sql

    from sto_warehouse.disclosure import declarations

    exact: dict[Cell, int] = {}
    implicit: set[Cell] = set()
    for model, row_key, count, value, is_implicit in conn.execute(
        sql.SQL(
            "select indicator, row_key, count_name, exact, is_implicit"
            " from {}.int_disclosure__withheld"
        ).format(sql.Identifier(intermediate))
    ):
        exact[(model, row_key, count)] = int(value or 0)
        if is_implicit:
            implicit.add((model, row_key, count))
    published: set[Cell] = set()
    for model, declared in declarations.protected().items():
        key = sql.SQL("concat_ws('|', {})").format(
            sql.SQL(", ").join(sql.Identifier(c) for c in declared["key"])
        )
        shown = sql.SQL(", ").join(
            sql.SQL("{} is not null").format(sql.Identifier(declarations.sentinel(model, c)))
            for c in declared["counts"]
        )
        for row_key, *flags in conn.execute(
            sql.SQL("select {}, {} from {}.{}").format(
                key, shown, sql.Identifier(monitor_schema), sql.Identifier(model)
            )
        ):
            published.update(
                (model, row_key, c)
                for c, flag in zip(declared["counts"], flags, strict=True)
                if flag
            )
    groups: dict[str, tuple[list[Cell], list[Cell]]] = defaultdict(lambda: ([], []))
    for group, model, row_key, count, is_total in conn.execute(
        sql.SQL(
            "select group_id, indicator, row_key, count_name, is_total"
            " from {}.int_disclosure__groups"
        ).format(sql.Identifier(intermediate))
    ):
        groups[group][1 if is_total else 0].append((model, row_key, count))
    settings = dict(
        conn.execute(
            "select setting, value from reference.monitor_settings"
            " where setting in ('small_cell_lower', 'small_cell_upper')"
        ).fetchall()
    )
    small = (int(settings["small_cell_lower"]), int(settings["small_cell_upper"]))
    # An implicit count a reader can compute is published in effect: it is unknown to the LP
    # only as a variable, and the LP derives it from its group; nothing to add here.
    return Release(exact=exact, published=published, groups=dict(groups), small=small)


# -- the candidate gate's checks -------------------------------------------------------------------

SUITE = "candidate.disclosure_audit"


def gate_results(conn, monitor_schema: str):
    """The audit as gate results (runner.CheckResult), all of severity error."""
    from sto_warehouse.gates.runner import CheckResult

    release = load(conn, monitor_schema)
    table = f"{monitor_schema} (every protected indicator)"

    def result(check: str, what: str, problems: list[str]) -> CheckResult:
        return CheckResult(
            suite=SUITE,
            table=table,
            check=check,
            expectation=what,
            severity="error",
            success=not problems,
            observed=len(problems),
            expected=0,
            sample=problems[:5] or None,
        )

    low, high = release.small
    return [
        result(
            "groups_add_up",
            "every declared group (row, column, link between tables) adds up on the exact values",
            unreconciled(release),
        ),
        result(
            "no_published_small_cell",
            f"no published count, nor one a reader computes, lies in [{low}, {high}]",
            [f"{m}[{k}].{c} = {v}" for (m, k, c), v in published_small(release)],
        ),
        result(
            "no_withheld_cell_narrowed",
            f"linear programming over every published count: each withheld count of {low}-{high}"
            f" keeps an interval of at least {release.min_width - 1} (max - min)",
            [f.describe() for f in audit(release)],
        ),
    ]

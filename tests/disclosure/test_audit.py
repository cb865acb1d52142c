"""The disclosure audit's linear programming on crafted releases (no database).

Cells are (model, row_key, count); a group is (members, totals): the members add up to each
total. A cell in ``published`` is known to the reader; the others are unknowns >= 0.
"""

from __future__ import annotations

import pytest

from sto_warehouse.disclosure import audit


def release(exact: dict, withheld: set, groups: dict) -> audit.Release:
    cells = {tuple(c.split(".")) if isinstance(c, str) else c: v for c, v in exact.items()}
    return audit.Release(
        exact={(m, k, c): v for (m, k, c), v in cells.items()},
        published={cell for cell in cells if ".".join(cell) not in withheld},
        groups={
            name: (
                [tuple(c.split(".")) for c in members],
                [tuple(c.split(".")) for c in totals],
            )
            for name, (members, totals) in groups.items()
        },
    )


def interval(rel: audit.Release, cell: str) -> tuple[float, float]:
    target = tuple(cell.split("."))
    return audit.intervals(rel, lambda c: c == target)[target]


# -- intervals ------------------------------------------------------------------------------------


def test_one_group_bounds_a_withheld_cell_by_the_others():
    rel = release(
        {"t.a.x": 3, "t.b.x": 9, "t.c.x": 20, "t.nl.x": 32},
        {"t.a.x", "t.b.x"},
        {"g": (["t.a.x", "t.b.x", "t.c.x"], ["t.nl.x"])},
    )
    # a + b = 12: each lies in [0, 12]
    assert interval(rel, "t.a.x") == pytest.approx((0, 12))


def test_a_second_group_narrows_the_interval():
    rel = release(
        {"t.a.x": 3, "t.b.x": 9, "t.nl.x": 12, "t.b.y": 2, "t.b.z": 11},
        {"t.a.x", "t.b.x", "t.b.y"},
        {
            "row": (["t.a.x", "t.b.x"], ["t.nl.x"]),
            "column": (["t.b.x", "t.b.y"], ["t.b.z"]),
        },
    )
    # b.x + b.y = 11, so b.x <= 11 and a.x = 12 - b.x >= 1
    assert interval(rel, "t.a.x") == pytest.approx((1, 12))


def test_an_unbounded_cell_has_an_infinite_maximum():
    rel = release(
        {"t.a.x": 3, "t.nl.x": 10, "t.b.x": 7},
        {"t.a.x", "t.nl.x"},
        {"g": (["t.a.x", "t.b.x"], ["t.nl.x"])},
    )
    low, high = interval(rel, "t.a.x")
    assert low == 0 and high == float("inf")


# -- the rule -------------------------------------------------------------------------------------


def attack_2016(protect_sto_2020: bool) -> audit.Release:
    """The issue's differencing attack on the crafted 2016 data: under hard_techniek PH03 (3)
    and PH02 (12) are withheld, NL 40, GEEN 0 and PH05 25 published; the same 12 pupils of
    PH02 are published under sto_2020 (PH02 has no MVI, the one profiel the definitions differ
    by), so PH03 = 40 - 25 - 0 - 12 = 3."""
    s, h = "ind_tech_share_upper", "n_tech_pupils_upper"
    regions = {"PH02": 12, "PH03": 3, "PH05": 25, "GEEN": 0}
    exact = {(s, f"hard_techniek|{r}", h): v for r, v in regions.items()}
    exact[(s, "hard_techniek|NL", h)] = 40
    exact[(s, "sto_2020|PH02", h)] = 12
    exact[(s, "sto_2020|PH03", h)] = 3
    exact[(s, "sto_2020|GEEN", h)] = 9
    exact[(s, "sto_2020|PH05", h)] = 25
    exact[(s, "sto_2020|NL", h)] = 49
    withheld = {(s, "hard_techniek|PH03", h), (s, "hard_techniek|PH02", h)}
    withheld |= {(s, "sto_2020|PH03", h), (s, "sto_2020|GEEN", h)}
    if protect_sto_2020:
        withheld.add((s, "sto_2020|PH02", h))
    groups = {
        "hard": ([(s, f"hard_techniek|{r}", h) for r in regions], [(s, "hard_techniek|NL", h)]),
        "sto": (
            [(s, f"sto_2020|{r}", h) for r in ("PH02", "PH03", "PH05", "GEEN")],
            [(s, "sto_2020|NL", h)],
        ),
        # PH02: sto_2020 = hard_techniek + MVI, and its MVI (0) is published by profiel
        "PH02 definitions": ([(s, "hard_techniek|PH02", h)], [(s, "sto_2020|PH02", h)]),
    }
    return audit.Release(exact, set(exact) - withheld, groups)


def test_the_2016_differencing_attack_fails_the_audit_naming_the_cell_and_its_pins():
    findings = audit.audit(attack_2016(protect_sto_2020=False))
    cells = {f.cell for f in findings}
    assert ("ind_tech_share_upper", "hard_techniek|PH03", "n_tech_pupils_upper") in cells
    ph03 = next(f for f in findings if f.cell[1] == "hard_techniek|PH03")
    assert (ph03.low, ph03.high) == pytest.approx((3, 3))
    text = ph03.describe()
    assert "hard_techniek|NL].n_tech_pupils_upper = 40" in text
    assert "sto_2020|PH02].n_tech_pupils_upper = 12" in text


def test_withholding_the_same_count_in_the_other_definition_blocks_the_attack():
    assert audit.audit(attack_2016(protect_sto_2020=True)) == []


def three_tables(protected: bool) -> audit.Release:
    """Only a combination of three tables pins A's x (3): in A, x + y = 20 (x, y withheld);
    B publishes nothing of y but says y = z (the same people); C publishes z's partner w and
    their total, so z = 30 - 13 = 17 and x = 20 - 17 = 3. Any two of the tables leave x free."""
    exact = {
        ("A", "r", "x"): 3,
        ("A", "r", "y"): 17,
        ("A", "r", "total"): 20,
        ("B", "r", "y"): 17,
        ("C", "r", "z"): 17,
        ("C", "r", "w"): 13,
        ("C", "r", "total"): 30,
    }
    withheld = {("A", "r", "x"), ("A", "r", "y"), ("B", "r", "y"), ("C", "r", "z")}
    if protected:
        withheld.add(("C", "r", "w"))
    groups = {
        "A": ([("A", "r", "x"), ("A", "r", "y")], [("A", "r", "total")]),
        "A=B": ([("B", "r", "y")], [("A", "r", "y")]),
        "B=C": ([("C", "r", "z")], [("B", "r", "y")]),
        "C": ([("C", "r", "z"), ("C", "r", "w")], [("C", "r", "total")]),
    }
    return audit.Release(exact, set(exact) - withheld, groups)


def test_a_cell_only_three_tables_together_pin_is_found():
    rel = three_tables(protected=False)
    for dropped in ("A=B", "B=C", "C"):
        partial = audit.Release(
            rel.exact, rel.published, {k: v for k, v in rel.groups.items() if k != dropped}
        )
        assert audit.audit(partial) == [], dropped
    (finding,) = audit.audit(rel)
    assert finding.cell == ("A", "r", "x") and finding.high - finding.low == pytest.approx(0)
    assert (("C", "r", "w"), 13) in finding.pinned_by


def test_a_three_table_combination_is_blocked_once_the_partner_is_withheld():
    assert audit.audit(three_tables(protected=True)) == []


def test_an_interval_of_four_fails_and_of_five_passes():
    def group_with(partner: int) -> audit.Release:
        exact = {("t", "a", "x"): 2, ("t", "b", "x"): partner, ("t", "nl", "x"): 2 + partner}
        return audit.Release(
            exact,
            {("t", "nl", "x")},
            {"g": ([("t", "a", "x"), ("t", "b", "x")], [("t", "nl", "x")])},
        )

    # x in [0, 2 + partner]: 4 wide (a reader learns it is 0-4) fails, 5 wide passes
    assert [f.cell for f in audit.audit(group_with(2))] == [("t", "a", "x"), ("t", "b", "x")]
    assert audit.audit(group_with(3)) == []


def test_groups_that_do_not_add_up_and_published_small_counts_are_reported():
    rel = release(
        {"t.a.x": 3, "t.b.x": 9, "t.nl.x": 13},
        set(),
        {"g": (["t.a.x", "t.b.x"], ["t.nl.x"])},
    )
    assert audit.unreconciled(rel) == ["g: members 12 <> total 13"]
    assert audit.published_small(rel) == [(("t", "a", "x"), 3)]

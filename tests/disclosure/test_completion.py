"""The audit's completion on crafted releases (no database): which published cell it withholds
so that the audit no longer narrows a withheld cell. The rebuild and the candidate gate's audit
after it run in tests/integration/test_marts.py."""

from __future__ import annotations

from sto_warehouse.disclosure import audit, completion

from .test_audit import attack_2016, three_tables


def withholding(rel: audit.Release, choices: list[completion.Choice]) -> audit.Release:
    return audit.Release(
        rel.exact, rel.published - {c.cell for c in choices}, rel.groups, rel.small
    )


def narrowed(rel: audit.Release) -> list[audit.Cell]:
    return [f.cell for f in audit.audit(rel)]


def test_the_2016_attack_is_closed_by_the_same_count_in_the_other_definition():
    rel = attack_2016(protect_sto_2020=False)
    ph03 = ("ind_tech_share_upper", "hard_techniek|PH03", "n_tech_pupils_upper")
    assert narrowed(rel) == [ph03]
    choices = completion.choose(rel, [ph03])
    # sto_2020 PH02 (12) is a member of the sto_2020 regions and cheaper than PH05 (25) or NL
    assert [c.cell for c in choices] == [
        ("ind_tech_share_upper", "sto_2020|PH02", "n_tech_pupils_upper")
    ]
    assert choices[0].protects == ph03
    assert narrowed(withholding(rel, choices)) == []


def test_a_cell_three_tables_pin_is_closed_by_withholding_the_partner():
    rel = three_tables(protected=False)
    choices = completion.choose(rel, narrowed(rel))
    assert [c.cell for c in choices] == [("C", "r", "w")]
    assert narrowed(withholding(rel, choices)) == []


def test_a_candidate_is_judged_with_the_partner_the_heuristic_gives_it():
    # a (3) withheld: a = 29 - 6 - 20. b (6) is the smallest member; a column group pins it
    # (b = g - f), so b alone changes nothing, but the heuristic will withhold a partner in
    # that group (f is 0, so its total g): b and g together restore a's interval, for less
    # than c (20); nl, the row's total, is not needed.
    exact = {
        ("t", "a", "x"): 3,
        ("t", "b", "x"): 6,
        ("t", "c", "x"): 20,
        ("t", "nl", "x"): 29,
        ("t", "b", "f"): 0,
        ("t", "b", "g"): 6,
    }
    rel = audit.Release(
        exact,
        set(exact) - {("t", "a", "x")},
        {
            "row": ([("t", "a", "x"), ("t", "b", "x"), ("t", "c", "x")], [("t", "nl", "x")]),
            "column": ([("t", "b", "x"), ("t", "b", "f")], [("t", "b", "g")]),
        },
    )
    choices = completion.choose(rel, narrowed(rel))
    assert [c.cell for c in choices] == [("t", "b", "g"), ("t", "b", "x")]
    assert narrowed(withholding(rel, choices)) == []


def test_a_cell_published_in_two_tables_is_withheld_in_both():
    # A: a (3) + b (8) = t (11); B publishes the same 8 people as b. Withholding A's b alone
    # would leave a = 11 - B's b.
    exact = {("A", "r", "a"): 3, ("A", "r", "b"): 8, ("A", "r", "t"): 11, ("B", "r", "b"): 8}
    rel = audit.Release(
        exact,
        set(exact) - {("A", "r", "a")},
        {
            "A": ([("A", "r", "a"), ("A", "r", "b")], [("A", "r", "t")]),
            "A=B": ([("B", "r", "b")], [("A", "r", "b")]),
        },
    )
    choices = completion.choose(rel, narrowed(rel))
    assert {c.cell for c in choices} == {("A", "r", "b"), ("B", "r", "b")}
    assert narrowed(withholding(rel, choices)) == []


def test_nothing_narrowed_nothing_withheld():
    assert completion.choose(attack_2016(protect_sto_2020=True), []) == []

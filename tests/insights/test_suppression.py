"""The disclosure rule (issue 18), proven: for random outcome tables nothing shown is 1-10,
no hidden count can be solved for from what is shown, and rates obey their base rule.

"Solved for" is checked here independently of the graph method `suppress_table` uses: every
published figure is an equation over the hidden unknowns, and a hidden figure is recoverable
exactly when its unit vector lies in the row space of that system (exact rational rank).
"""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from insights.suppression import (
    COMPLEMENTARY,
    PRIMARY,
    is_small,
    rate_publishable,
    suppress_table,
)


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [list(r) for r in rows if any(r)]
    rank, col = 0, 0
    width = len(rows[0]) if rows else 0
    while rank < len(rows) and col < width:
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            col += 1
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                factor = rows[r][col] / rows[rank][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
        col += 1
    return rank


def _recoverable(cells, table, relief_columns=()):
    """Names of hidden figures that the shown figures determine, by linear algebra.

    Unknowns: every cell, row total, column total, the grand total and each row's relief
    numerator. Equations: the structural ones (rows and columns add up, relief is the sum of
    its columns) plus one "x = shown value" per shown figure (a shown rate publishes its
    numerator, since the base is shown beside it)."""
    n_rows, n_cols = len(cells), len(cells[0])
    names = [("cell", i, j) for i in range(n_rows) for j in range(n_cols)]
    names += [("row", i) for i in range(n_rows)] + [("col", j) for j in range(n_cols)]
    names += [("grand",)]
    if relief_columns:
        names += [("relief", i) for i in range(n_rows)]
    index = {name: k for k, name in enumerate(names)}

    def equation(terms):
        row = [Fraction(0)] * len(names)
        for name, coef in terms:
            row[index[name]] += coef
        return row

    system = []
    for i in range(n_rows):
        system.append(equation([(("cell", i, j), 1) for j in range(n_cols)] + [(("row", i), -1)]))
        if relief_columns:
            system.append(
                equation([(("cell", i, j), 1) for j in relief_columns] + [(("relief", i), -1)])
            )
    for j in range(n_cols):
        system.append(equation([(("cell", i, j), 1) for i in range(n_rows)] + [(("col", j), -1)]))
    system.append(equation([(("row", i), 1) for i in range(n_rows)] + [(("grand",), -1)]))
    shown = []
    for i in range(n_rows):
        for j in range(n_cols):
            if table.cells[i][j] is not None:
                shown.append(("cell", i, j))
        if table.row_totals[i] is not None:
            shown.append(("row", i))
        if relief_columns and table.rates[i] is not None:
            shown.append(("relief", i))
    shown += [("col", j) for j in range(n_cols) if table.col_totals[j] is not None]
    if table.grand_total is not None:
        shown.append(("grand",))
    system += [equation([(name, 1)]) for name in shown]
    base_rank = _rank(system)
    hidden = [name for name in names if name not in shown and name[0] != "relief"]
    return [name for name in hidden if _rank([*system, equation([(name, 1)])]) == base_rank]


def _hidden_line_sums(cells, table):
    """For every shown total, the sum of its hidden parts (readable by subtraction)."""
    sums = []
    for i, row in enumerate(cells):
        if table.row_totals[i] is not None:
            sums.append(sum(v for j, v in enumerate(row) if table.cells[i][j] is None))
    for j in range(len(cells[0])):
        if table.col_totals[j] is not None:
            sums.append(sum(cells[i][j] for i in range(len(cells)) if table.cells[i][j] is None))
    if table.grand_total is not None:
        sums.append(sum(sum(cells[i]) for i, t in enumerate(table.row_totals) if t is None))
        sums.append(
            sum(sum(r[j] for r in cells) for j, t in enumerate(table.col_totals) if t is None)
        )
    return sums


def _published(table):
    values = [v for row in table.cells for v in row]
    values += table.row_totals + table.col_totals + [table.grand_total]
    return [v for v in values if v is not None]


# Outcome-like counts: many zeros and small counts, some large ones.
counts = st.one_of(st.just(0), st.integers(1, 10), st.integers(11, 40), st.integers(41, 400))
tables = st.integers(1, 5).flatmap(
    lambda n_cols: st.lists(
        st.lists(counts, min_size=n_cols, max_size=n_cols), min_size=1, max_size=5
    )
)


@settings(max_examples=150, deadline=None)
@given(tables)
def test_nothing_shown_is_small_and_no_hidden_count_is_recoverable(cells):
    table = suppress_table(cells)
    assert not any(is_small(v) for v in _published(table))
    assert _recoverable(cells, table) == []
    assert not any(is_small(v) for v in _hidden_line_sums(cells, table))


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2, 5).flatmap(
        lambda n_cols: st.tuples(
            st.lists(st.lists(counts, min_size=n_cols, max_size=n_cols), min_size=1, max_size=5),
            st.sets(st.integers(0, n_cols - 1), min_size=1, max_size=n_cols - 1),
        )
    )
)
def test_rates_follow_their_base_rule_and_reveal_nothing(case):
    cells, relief = case
    relief = sorted(relief)
    table = suppress_table(cells, relief_columns=relief)
    assert not any(is_small(v) for v in _published(table))
    assert _recoverable(cells, table, relief) == []
    assert not any(is_small(v) for v in _hidden_line_sums(cells, table))
    for i, rate in enumerate(table.rates):
        if rate is not None:
            part, base = sum(cells[i][j] for j in relief), sum(cells[i])
            assert rate_publishable(part, base)
            assert rate == part / base


@settings(max_examples=200, deadline=None)
@given(tables)
def test_shown_figures_are_the_true_ones(cells):
    table = suppress_table(cells)
    for i, row in enumerate(table.cells):
        for j, value in enumerate(row):
            assert value is None or value == cells[i][j]
    for i, total in enumerate(table.row_totals):
        assert total is None or total == sum(cells[i])


def test_a_small_cell_and_its_complements_are_hidden_with_reasons():
    table = suppress_table([[5, 40, 30], [20, 50, 60], [30, 12, 70]])
    assert table.cells[0][0] is None
    assert table.cell_why[(0, 0)] == PRIMARY
    # Row 0 and column 0 each need a second hidden cell, and their crossing a third.
    assert sum(v is None for v in table.cells[0]) >= 2
    assert sum(table.cells[i][0] is None for i in range(3)) >= 2
    assert COMPLEMENTARY in table.reasons
    assert table.grand_total == 317


def test_a_table_with_nothing_small_is_shown_whole():
    table = suppress_table([[0, 40], [25, 11]])
    assert table.cells == [[0, 40], [25, 11]]
    assert table.row_totals == [40, 36]
    assert table.col_totals == [25, 51]
    assert table.hidden_count == 0


def test_a_zero_shows_and_a_small_total_hides():
    table = suppress_table([[0, 0], [0, 7]])
    assert table.cells[0] == [0, 0]
    assert table.cells[1][1] is None and table.row_totals[1] is None
    assert table.grand_total is None


def test_two_small_cells_in_a_line_are_not_revealed_by_their_sum():
    # 4 + 3 = 7: hiding both but showing the row total 107 would publish "7" by subtraction.
    table = suppress_table([[4, 3, 100], [50, 60, 70], [40, 30, 20]])
    assert table.cells[0][2] is None or table.row_totals[0] is None


def test_rates_need_a_base_of_25_and_no_small_part():
    table = suppress_table([[20, 80], [3, 30], [12, 12], [30, 0]], relief_columns=[0])
    assert table.rates[0] == 0.2
    assert table.rates[1] is None  # 3 granted
    assert table.rates[2] is None  # base 24
    assert table.rates[3] == 1.0  # 30 of 30: the other part is 0, which may show


def test_negative_counts_are_refused():
    import pytest

    with pytest.raises(ValueError):
        suppress_table([[1, -1]])

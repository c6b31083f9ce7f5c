"""The disclosure rule for every published outcome count: `suppress_table` is the one function
that decides what a table may show. Pages, charts and CSV exports only ever render its result.

The rules (issue 18):
- No published count between 1 and 10 (the CMS cell-size rule); a zero may show.
- A rate only where its base is >= 25 and neither part of it is 1-10.
- Complementary suppression: no hidden count can be worked out from what is shown.
- Where a line's hidden counts all add up to a known figure (a row total minus its shown
  cells), that figure is not 1-10 either: otherwise hiding the cells would only have moved
  the small count into a subtraction.

How the complementary rule is decided exactly. A table with its totals is a flow in a graph:
one node per row and per column, and two "total" nodes T_rows and T_cols. Each cell (i, j) is
an edge row_i -> col_j; each row total an edge T_rows -> row_i; each column total an edge
col_j -> T_cols; the grand total an edge T_cols -> T_rows. Every published equation ("the
row adds up to its total", ...) is conservation at one node. A "relief" node per row (the
numerator of the row's grant rate, when rates are shown) sits between the row and its relief
columns, so a rate is a published edge too. The unknowns are the hidden edges, and a hidden
edge's value follows from the published ones exactly when it lies on no cycle of hidden edges
(when it is a *bridge* of the hidden subgraph; the cycle space is the null space of the
incidence matrix). So: find the bridges; for each one, hide the cheapest path of shown edges
that closes a cycle through it; repeat until no hidden count is a bridge. Adding hidden edges
never turns a non-bridge into a bridge, so this ends. The property test in
tests/insights/test_suppression.py checks the outcome against plain linear algebra.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

SMALL_MIN = 1
SMALL_MAX = 10
RATE_MIN_BASE = 25

# Why a count is hidden (shown as a footnote under the table).
PRIMARY = "small"  # 1-10 itself
COMPLEMENTARY = "complementary"  # would let a hidden small count be worked out

# A zero hides nothing when it is hidden beside a small count (the line's hidden sum stays
# small), so complementary suppression picks a zero only when nothing else closes the cycle.
_ZERO_COST = 10**9


def is_small(value: int) -> bool:
    """The cell-size rule: a count of 1 to 10 is never published."""
    return SMALL_MIN <= value <= SMALL_MAX


def rate_publishable(part: int, base: int) -> bool:
    """A rate only where its base is >= 25 and neither it nor its complement is 1-10."""
    return base >= RATE_MIN_BASE and not is_small(part) and not is_small(base - part)


@dataclass
class SuppressedTable:
    """What may be shown. None marks a hidden figure; `why` says why, by position."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    col_totals: list[int | None]
    grand_total: int | None
    # Per row: the share of the row in the relief columns (0-1), or None when not shown.
    rates: list[float | None]
    cell_why: dict[tuple[int, int], str] = field(default_factory=dict)
    row_why: dict[int, str] = field(default_factory=dict)
    col_why: dict[int, str] = field(default_factory=dict)
    grand_why: str | None = None

    @property
    def hidden_count(self) -> int:
        return (
            len(self.cell_why)
            + len(self.row_why)
            + len(self.col_why)
            + (1 if self.grand_why else 0)
        )

    @property
    def reasons(self) -> set[str]:
        found = set(self.cell_why.values()) | set(self.row_why.values())
        found |= set(self.col_why.values())
        if self.grand_why:
            found.add(self.grand_why)
        return found


class _Graph:
    """The table as edges between nodes; see the module docstring."""

    def __init__(self, cells: Sequence[Sequence[int]], relief_columns: frozenset[int]):
        n_rows = len(cells)
        n_cols = len(cells[0]) if n_rows else 0
        self.n_rows, self.n_cols = n_rows, n_cols
        # Node numbering: rows, columns, T_rows, T_cols, then one relief node per row.
        self.t_rows = n_rows + n_cols
        self.t_cols = self.t_rows + 1
        self.relief_node = (lambda i: self.t_cols + 1 + i) if relief_columns else None
        self.n_nodes = self.t_cols + 1 + (n_rows if relief_columns else 0)
        # Edge e: (tail, head, value, kind, key). Head/tail give the orientation used by the
        # line-sum rule; bridges ignore it.
        self.edges: list[tuple[int, int, int, str, object]] = []
        self.cell_edge: dict[tuple[int, int], int] = {}
        self.row_edge: dict[int, int] = {}
        self.col_edge: dict[int, int] = {}
        self.relief_edge: dict[int, int] = {}
        self._lines: list[tuple[int, list[int]]] | None = None
        row_totals = [sum(row) for row in cells]
        col_totals = [sum(cells[i][j] for i in range(n_rows)) for j in range(n_cols)]
        for i in range(n_rows):
            relief_value = sum(cells[i][j] for j in relief_columns)
            if relief_columns:
                self.relief_edge[i] = self._add(i, self.relief_node(i), relief_value, "relief", i)
            for j in range(n_cols):
                tail = self.relief_node(i) if j in relief_columns else i
                self.cell_edge[(i, j)] = self._add(tail, n_rows + j, cells[i][j], "cell", (i, j))
            self.row_edge[i] = self._add(self.t_rows, i, row_totals[i], "row", i)
        for j in range(n_cols):
            self.col_edge[j] = self._add(n_rows + j, self.t_cols, col_totals[j], "col", j)
        self.grand_edge = self._add(self.t_cols, self.t_rows, sum(row_totals), "grand", None)
        self.incident: list[list[int]] = [[] for _ in range(self.n_nodes)]
        # (neighbour, edge, cost to hide) per node, for the cheapest-path search.
        self.neighbours: list[list[tuple[int, int, int]]] = [[] for _ in range(self.n_nodes)]
        for e, (tail, head, value, *_rest) in enumerate(self.edges):
            self.incident[tail].append(e)
            self.incident[head].append(e)
            cost = _ZERO_COST if value == 0 else value
            self.neighbours[tail].append((head, e, cost))
            self.neighbours[head].append((tail, e, cost))

    def _add(self, tail: int, head: int, value: int, kind: str, key) -> int:
        self.edges.append((tail, head, value, kind, key))
        return len(self.edges) - 1

    def other_end(self, e: int, node: int) -> int:
        tail, head = self.edges[e][0], self.edges[e][1]
        return head if node == tail else tail

    def bridges(self, hidden: set[int]) -> set[int]:
        """Edges of the hidden subgraph that lie on no cycle of it (iterative Tarjan over the
        hidden edges only, so the cost follows what is hidden, not the table's size)."""
        adjacency: dict[int, list[tuple[int, int]]] = {}
        edges = self.edges
        for e in hidden:
            tail, head = edges[e][0], edges[e][1]
            adjacency.setdefault(tail, []).append((head, e))
            adjacency.setdefault(head, []).append((tail, e))
        disc: dict[int, int] = {}
        low: dict[int, int] = {}
        found: set[int] = set()
        clock = 0
        for root in adjacency:
            if root in disc:
                continue
            disc[root] = low[root] = clock
            clock += 1
            stack = [(root, -1, iter(adjacency[root]))]
            while stack:
                node, via, neighbours = stack[-1]
                advanced = False
                for nxt, e in neighbours:
                    if e == via:
                        continue
                    if nxt not in disc:
                        disc[nxt] = low[nxt] = clock
                        clock += 1
                        stack.append((nxt, e, iter(adjacency[nxt])))
                        advanced = True
                        break
                    if disc[nxt] < low[node]:
                        low[node] = disc[nxt]
                if advanced:
                    continue
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    if low[node] < low[parent]:
                        low[parent] = low[node]
                    if low[node] > disc[parent]:
                        found.add(via)
        return found

    def on_hidden_cycle(self, edge: int, hidden: set[int]) -> bool:
        """Whether the ends of `edge` are joined by other hidden edges."""
        start, goal = self.edges[edge][0], self.edges[edge][1]
        seen, frontier = {start}, [start]
        while frontier:
            node = frontier.pop()
            for nxt, e, _cost in self.neighbours[node]:
                if e == edge or e not in hidden or nxt in seen:
                    continue
                if nxt == goal:
                    return True
                seen.add(nxt)
                frontier.append(nxt)
        return False

    def cost(self, e: int) -> int:
        value = self.edges[e][2]
        return _ZERO_COST if value == 0 else value

    def cheapest_cycle_path(self, bridge: int, hidden: set[int]) -> list[int]:
        """The shown edges to hide so that `bridge` lies on a cycle: the cheapest path between
        its ends that does not use it (hidden edges are free)."""
        start, goal = self.edges[bridge][0], self.edges[bridge][1]
        best = {start: 0}
        came_by: dict[int, int] = {}
        queue = [(0, start)]
        while queue:
            dist, node = heapq.heappop(queue)
            if node == goal:
                break
            if dist > best.get(node, dist):
                continue
            for nxt, e, cost in self.neighbours[node]:
                if e == bridge:
                    continue
                reach = dist if e in hidden else dist + cost
                if reach < best.get(nxt, 1 << 62):
                    best[nxt] = reach
                    came_by[nxt] = e
                    heapq.heappush(queue, (reach, nxt))
        path, node = [], goal
        while node != start:
            e = came_by[node]
            if e not in hidden:
                path.append(e)
            node = self.other_end(e, node)
        return path

    def lines(self) -> list[tuple[int, list[int]]]:
        """Each published total with the figures it adds up: (total edge, member edges)."""
        if self._lines is not None:
            return self._lines
        found = []
        for i in range(self.n_rows):
            found.append((self.row_edge[i], [self.cell_edge[(i, j)] for j in range(self.n_cols)]))
            if i in self.relief_edge:
                members = [
                    self.cell_edge[(i, j)]
                    for j in range(self.n_cols)
                    if self.edges[self.cell_edge[(i, j)]][0] == self.relief_node(i)
                ]
                found.append((self.relief_edge[i], members))
        for j in range(self.n_cols):
            found.append((self.col_edge[j], [self.cell_edge[(i, j)] for i in range(self.n_rows)]))
        found.append((self.grand_edge, list(self.row_edge.values())))
        found.append((self.grand_edge, list(self.col_edge.values())))
        self._lines = found
        return found

    def small_line_sum(self, hidden: set[int]) -> int | None:
        """A shown total whose hidden parts add up to 1-10 (that sum is the total minus the
        shown parts); returns a shown edge to hide there."""
        for total, members in self.lines():
            if total in hidden:
                continue
            hidden_members = [e for e in members if e in hidden]
            if not hidden_members or not is_small(sum(self.edges[e][2] for e in hidden_members)):
                continue
            shown = [e for e in members if e not in hidden and self.edges[e][2] > 0]
            return min(shown, key=self.cost) if shown else total
        return None


def suppress_table(
    cells: Sequence[Sequence[int]],
    *,
    relief_columns: Sequence[int] = (),
    protect_rates: bool = True,
) -> SuppressedTable:
    """Apply the disclosure rules to a table of counts (rows x columns, non-negative).

    Totals are the sums of the cells. `relief_columns` names the columns whose share of
    each row is published as a rate ("any relief"); the rate's numerator then counts as a
    published figure too. Returns what may be shown; nothing returned is 1-10 and no hidden
    count can be solved for from the rest.
    """
    cells = [[int(v) for v in row] for row in cells]
    if any(v < 0 for row in cells for v in row):
        raise ValueError("counts cannot be negative")
    relief = frozenset(relief_columns) if protect_rates else frozenset()
    graph = _Graph(cells, relief)
    edges = graph.edges

    hidden: set[int] = set()
    # Edges that must never be solvable: every hidden count. A rate that is not published
    # because its base is small hides nothing by itself, so its numerator may be derivable.
    protected: set[int] = set()
    for e, (_t, _h, value, kind, key) in enumerate(edges):
        if kind == "relief":
            base = edges[graph.row_edge[key]][2]
            if not rate_publishable(value, base):
                hidden.add(e)
                if is_small(value) or is_small(base - value):
                    protected.add(e)
        elif is_small(value):
            hidden.add(e)
            protected.add(e)
    primary = set(protected)

    while True:
        bridges = sorted(graph.bridges(hidden) & protected)
        for n, bridge in enumerate(bridges):
            # A path added for an earlier bridge may already have closed a cycle here.
            if n and graph.on_hidden_cycle(bridge, hidden):
                continue
            for e in graph.cheapest_cycle_path(bridge, hidden):
                hidden.add(e)
                if edges[e][3] != "relief":
                    protected.add(e)
        if bridges:
            continue
        extra = graph.small_line_sum(hidden)
        if extra is None:
            break
        hidden.add(extra)
        if edges[extra][3] != "relief":
            protected.add(extra)

    def shown(e: int) -> int | None:
        return None if e in hidden else edges[e][2]

    def why(e: int) -> str:
        return PRIMARY if e in primary else COMPLEMENTARY

    table = SuppressedTable(
        cells=[
            [shown(graph.cell_edge[(i, j)]) for j in range(graph.n_cols)]
            for i in range(graph.n_rows)
        ],
        row_totals=[shown(graph.row_edge[i]) for i in range(graph.n_rows)],
        col_totals=[shown(graph.col_edge[j]) for j in range(graph.n_cols)],
        grand_total=shown(graph.grand_edge),
        rates=[None] * graph.n_rows,
    )
    for (i, j), e in graph.cell_edge.items():
        if e in hidden:
            table.cell_why[(i, j)] = why(e)
    for i, e in graph.row_edge.items():
        if e in hidden:
            table.row_why[i] = why(e)
    for j, e in graph.col_edge.items():
        if e in hidden:
            table.col_why[j] = why(e)
    if graph.grand_edge in hidden:
        table.grand_why = why(graph.grand_edge)
    for i, e in graph.relief_edge.items():
        base = table.row_totals[i]
        if e not in hidden and base:
            table.rates[i] = edges[e][2] / base
    return table

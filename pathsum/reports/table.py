"""The rich table a person reads after ``pathsum analyze``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..analysis import Analysis
from ..display import count_text, show, unlimited_digits
from ..engine_fields import FIELDS, view_keys, view_values
from ..engines import EngineResult
from ..explain import Sweep
from ..printable import NAME_WIDTH, printable, shorten

__all__ = ["fitted_console", "render_analysis"]

#: Long listings are cut here; JSON and CSV always carry everything.
MAX_ROWS = 40
#: An elimination order is cut after this many names in the table.
ORDER_NAMES = 12
#: User text in the table output is cut to these many characters (JSON and CSV keep all).
FORMULA_WIDTH = 80
DESCRIPTION_WIDTH = 1000


@unlimited_digits()
def render_analysis(analysis: Analysis, console: Console | None = None,
                    explanation: list[str] | None = None,
                    sweeps: list[Sweep] | None = None) -> None:
    """Print the graph summary, values, paths, Jacobians, costs, each sweep node by node
    (``sweeps``), the sums over paths (``explanation``) and the agreement line.

    Without a ``console``, a terminal's width is used, and numbers that do not fit are
    folded onto a second line; a file or a pipe gets every table at its full width.
    """
    g = analysis.graph
    cg = analysis.compiled
    values = None
    if g.values is not None:
        values = Table(title="Node values", title_justify="left")
        values.add_column("node")
        values.add_column("formula")
        values.add_column("value", justify="right", overflow="fold")
        for name in _cut(g.order, values):
            formula = g.network.nodes[name].get("formula", "input")
            values.add_row(_plain(name), _plain(formula, FORMULA_WIDTH), show(g.values[name]))

    engines = list(analysis.results)
    jac = Table(title="Paths and derivatives", title_justify="left")
    jac.add_column("derivative", overflow="fold")
    jac.add_column("paths", justify="right", overflow="fold")
    for name in engines:
        jac.add_column(name, justify="right", overflow="fold")
    pairs = [(y, x) for y in g.outputs for x in g.inputs]
    jacobians = {name: analysis.jacobian(name) for name in engines}
    paths = analysis.paths()
    for y, x in _cut(pairs, jac):
        cells = ["—" if jacobians[n] is None else show(jacobians[n][y][x]) for n in engines]
        jac.add_row(_plain(f"d{_short(y)}/d{_short(x)}", None), str(paths[y][x]), *cells)

    costs = Table(title="Operations on partials", title_justify="left")
    orders = any(r.order is not None for r in analysis.results.values())
    keys = [key for key in view_keys("table") if key != "order" or orders]
    costs.add_column("engine", overflow="fold")
    for key in keys:
        costs.add_column(FIELDS[key].heading, justify="left" if key == "order" else "right",
                         overflow="fold")
    notes = []
    for name, result in analysis.results.items():
        if result.enumerated is False:
            notes.append(f"{name}: mul and add derived from exact path counts, not enumerated "
                         f"({analysis.total_paths} paths > --max-paths {analysis.max_paths})")
        fields = view_values(analysis, name, "table")
        costs.add_row(name, *(_COST_CELLS.get(key, _number)(fields[key], result) for key in keys))

    sweep_tables = [_sweep_table(sweep) for sweep in sweeps or []]
    if console is None:
        console = fitted_console(*[t for t in (values, jac, costs, *sweep_tables)
                                   if t is not None])
    # Names and descriptions come from the file: shown as plain text (no markup, no
    # highlighting, which took minutes on 50,000 characters), controls escaped.
    title = Text(shorten(g.name), style="bold")
    if g.description:
        title.append(f" — {shorten(g.description, DESCRIPTION_WIDTH)}")
    console.print(title)
    console.print(
        f"{count_text(cg.n_nodes, 'node')}, {count_text(cg.n_edges, 'edge')}; "
        f"inputs: {_names(g.inputs)}; outputs: {_names(g.outputs)}; "
        f"{count_text(analysis.total_paths, 'input-to-output path')}", markup=False, highlight=False,
    )
    if values is not None:
        console.print(values)
    console.print(jac)
    console.print(costs)
    for note in notes:
        console.print(note, markup=False, highlight=False, soft_wrap=True)
    for table in sweep_tables:
        console.print(table)

    if explanation:
        console.print("Sums over paths", style="bold")
        for line in explanation:
            # One logical line each, wrapped by the terminal, not cut by rich.
            console.print(line, markup=False, highlight=False, soft_wrap=True)
    ran = [n for n in engines if jacobians[n] is not None]
    if len(ran) < 2:
        if ran:
            console.print(f"Only {ran[0]} produced a Jacobian; nothing to compare.")
        else:
            console.print("No engine produced a Jacobian; nothing to compare.")
    elif analysis.agree:
        console.print(f"[green]✓ {', '.join(ran)} agree on every derivative.[/green]")
    else:
        console.print(f"[red]✗ engines disagree on {len(analysis.disagreements)} derivative(s):[/red]")
        for d in analysis.disagreements[:MAX_ROWS]:
            said = ", ".join(f"{n}={show(v, 17)}" for n, v in d.values.items())
            console.print(f"  d{_short(d.output)}/d{_short(d.input)}: {said}", markup=False,
                          highlight=False)


def _sweep_table(sweep: Sweep) -> Table:
    """One sweep as the post draws it: every node with its value."""
    table = Table(title=sweep.title, title_justify="left")
    table.add_column("node")
    table.add_column(sweep.heading, justify="right", overflow="fold")
    for name, value in _cut(sweep.rows, table):
        table.add_row(_plain(name), show(value))
    return table


def fitted_console(*tables: Table) -> Console:
    """A console on stdout: the terminal's, or for a file or a pipe, one wide enough for
    every table (at least 80 columns), so that no number is ever folded or cut there."""
    console = Console()
    if console.is_terminal:
        return console
    wide = console.options.update_width(100_000)
    width = max([80, *(Measurement.get(console, wide, table).maximum for table in tables)])
    return Console(width=width)


def _number(value: Any, result: EngineResult) -> str:
    return "" if value is None else show(value)


def _seconds(value: float, result: EngineResult) -> str:
    return "derived" if result.enumerated is False else f"{value:.6f}"


def _order_cell(order: list[str] | None, result: EngineResult) -> Text:
    """An engine's elimination order (the bracketing for a chain), cut after a dozen names,
    and whether it is proven optimal."""
    if result.bracketing is not None:
        text = result.bracketing
    elif order is None:
        return Text("")
    else:
        shown = [_short(name) for name in order[:ORDER_NAMES]]
        more = len(order) - len(shown)
        text = " ".join(shown) + (f" … (+{more})" if more else "")
    if result.optimal is not None:
        text += " (proven optimal)" if result.optimal else " (best found, not proven)"
    return Text(printable(text))


#: How a cell of the costs table is written, by field (others: :func:`_number`).
_COST_CELLS: dict[str, Callable[[Any, EngineResult], str | Text]] = {
    "seconds": _seconds, "order": _order_cell}


def _plain(text: str, width: int | None = NAME_WIDTH) -> Text:
    """A cell of user text: shortened to ``width`` (None: already short), never markup."""
    return Text(printable(text) if width is None else shorten(text, width))


def _short(name: str) -> str:
    return shorten(name, NAME_WIDTH // 2)


def _names(names: list[str]) -> str:
    """A list of names for one line: each shortened, and at most MAX_ROWS of them."""
    shown = ", ".join(shorten(n) for n in names[:MAX_ROWS])
    return shown if len(names) <= MAX_ROWS else f"{shown}, … ({len(names)} in all)"


def _cut(items: list, table: Table) -> list:
    if len(items) <= MAX_ROWS:
        return items
    table.caption = f"first {MAX_ROWS} of {len(items)} rows; --format json or csv lists all"
    return items[:MAX_ROWS]

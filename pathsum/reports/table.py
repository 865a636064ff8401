"""The rich tables a person reads after ``pathsum analyze``."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..analysis import FIELDS, Analysis, view_keys, view_values
from ..display import count_text, show, unlimited_digits
from ..engines import EngineResult
from ..explain import Sweep
from ..printable import NAME_WIDTH, printable, shorten

__all__ = ["fitted_console", "render_analysis"]

#: Long listings are cut here; JSON and CSV always carry everything.
MAX_ROWS = 40


@unlimited_digits()
def render_analysis(analysis: Analysis, explanation: list[str] | None = None,
                    sweeps: list[Sweep] | None = None) -> None:
    """Print the summary, values, paths, Jacobians, costs, ``sweeps``, the sums over paths
    (``explanation``) and the agreement line; folded to a terminal's width, a pipe's in full."""
    g = analysis.graph
    head = []  # before the notes on derived counts; the sweeps' tables after them
    if g.values is not None:
        head.append(values := _table("Node values", [("node", "left"), ("formula", "left"),
                                                     ("value", "right")], unfolded=2))
        for name in _cut(g.order, values):
            formula = g.network.nodes[name].get("formula", "input")
            values.add_row(_plain(name), _plain(formula, 80), show(g.values[name]))
    engines = list(analysis.results)
    head.append(jac := _table("Paths and derivatives", [
        ("derivative", "left"), *((name, "right") for name in ["paths", *engines])]))
    jacobians = [analysis.jacobian(name) for name in engines]
    paths = analysis.paths()
    for y, x in _cut([(y, x) for y in g.outputs for x in g.inputs], jac):
        cells = ["—" if j is None else show(j[y][x]) for j in jacobians]
        jac.add_row(_plain(f"d{_short(y)}/d{_short(x)}", None), str(paths[y][x]), *cells)
    orders = any(r.order is not None for r in analysis.results.values())
    keys = [key for key in view_keys("table") if key != "order" or orders]
    head.append(costs := _table("Operations on partials", [("engine", "left"), *(
        (FIELDS[key].heading, "left" if key == "order" else "right") for key in keys)]))
    notes = []
    for name, result in analysis.results.items():
        if result.enumerated is False:
            notes.append(f"{name}: mul and add derived from exact path counts, not enumerated "
                         f"({analysis.total_paths} paths > --max-paths {analysis.max_paths})")
        fields = view_values(analysis, name, "table")
        costs.add_row(name, *(_cost(key, fields[key], result) for key in keys))
    swept = []
    for sweep in sweeps or []:
        swept.append(table := _table(sweep.title, [("node", "left"), (sweep.heading, "right")],
                                     unfolded=1))
        for name, value in _cut(sweep.rows, table):
            table.add_row(_plain(name), show(value))
    console = fitted_console(*head, *swept)
    # Names and descriptions come from the file: plain text (no markup, no highlighting,
    # which took minutes on 50,000 characters), controls escaped.
    title = Text(shorten(g.name), style="bold")
    if g.description:
        title.append(f" — {shorten(g.description, 1000)}")
    console.print(title)
    cg = analysis.compiled
    console.print(f"{count_text(cg.n_nodes, 'node')}, {count_text(cg.n_edges, 'edge')}; "
                  f"inputs: {_names(g.inputs)}; outputs: {_names(g.outputs)}; "
                  f"{count_text(analysis.total_paths, 'input-to-output path')}", markup=False,
                  highlight=False)
    for table in head:
        console.print(table)
    for line in notes:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    for table in swept:
        console.print(table)
    if explanation:
        console.print("Sums over paths", style="bold")
        for line in explanation:  # one logical line each, wrapped by the terminal
            console.print(line, markup=False, highlight=False, soft_wrap=True)
    ran = [n for n, j in zip(engines, jacobians, strict=True) if j is not None]
    if len(ran) < 2:
        console.print(f"Only {ran[0]} produced a Jacobian; nothing to compare." if ran else
                      "No engine produced a Jacobian; nothing to compare.")
    elif analysis.agree:
        console.print(f"[green]✓ {', '.join(ran)} agree on every derivative.[/green]")
    else:
        console.print(f"[red]✗ engines disagree on {len(analysis.disagreements)} derivative(s):[/red]")
        for d in analysis.disagreements[:MAX_ROWS]:
            said = ", ".join(f"{n}={show(v, 17)}" for n, v in d.values.items())
            console.print(f"  d{_short(d.output)}/d{_short(d.input)}: {said}", markup=False,
                          highlight=False)


def _table(title: str, columns: list[tuple[str, Any]], unfolded: int = 0) -> Table:
    """A titled table whose columns, but the first ``unfolded``, fold what does not fit."""
    table = Table(title=title, title_justify="left")
    for i, (heading, justify) in enumerate(columns):
        table.add_column(heading, justify=justify, overflow="ellipsis" if i < unfolded else "fold")
    return table


def fitted_console(*tables: Table) -> Console:
    """The terminal's console, or for a pipe one wide enough (at least 80) for every table."""
    console = Console()
    if console.is_terminal:
        return console
    wide = console.options.update_width(100_000)
    return Console(width=max([80, *(Measurement.get(console, wide, t).maximum for t in tables)]))


def _cost(key: str, value: Any, result: EngineResult) -> str | Text:
    """A cell of the costs table: seconds, or "derived"; an order; a number."""
    if key == "seconds":
        return "derived" if result.enumerated is False else f"{value:.6f}"
    if key != "order":
        return "" if value is None else show(value)
    if result.bracketing is not None:
        text = result.bracketing
    elif value is None:
        return Text("")
    else:  # cut after a dozen names
        shown = [_short(name) for name in value[:12]]
        text = " ".join(shown) + (f" … (+{len(value) - 12})" if len(value) > 12 else "")
    if result.optimal is not None:
        text += " (proven optimal)" if result.optimal else " (best found, not proven)"
    return Text(printable(text))


def _plain(text: str, width: int | None = NAME_WIDTH) -> Text:
    """A cell of user text: shortened to ``width`` (None: already short), never markup."""
    return Text(printable(text) if width is None else shorten(text, width))


def _short(name: str) -> str:
    return shorten(name, NAME_WIDTH // 2)


def _names(names: list[str]) -> str:
    """Names for one line: each shortened, at most MAX_ROWS of them."""
    shown = ", ".join(shorten(n) for n in names[:MAX_ROWS])
    return shown if len(names) <= MAX_ROWS else f"{shown}, … ({len(names)} in all)"


def _cut(items: list[Any], table: Table) -> list[Any]:
    if len(items) <= MAX_ROWS:
        return items
    table.caption = f"first {MAX_ROWS} of {len(items)} rows; --format json or csv lists all"
    return items[:MAX_ROWS]

"""The tables a person reads: rich after ``pathsum analyze`` and ``compare``, HTML in notebooks."""

from __future__ import annotations

import os
from html import escape
from typing import TYPE_CHECKING, Any

from rich.console import Console, JustifyMethod
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..analysis import FIELDS, Analysis, view_keys, view_values
from ..display import count_text, duration, rate_text, ratio_text, show, unlimited_digits
from ..engines import EngineResult
from ..explain import Sweep
from ..explain import sweeps as explained_sweeps
from ..printable import NAME_WIDTH, printable, shorten

if TYPE_CHECKING:
    from ..comparison import Comparison

__all__ = ["analysis_html", "render_analysis", "render_comparison"]

#: Long listings are cut here; JSON and CSV always carry everything.
MAX_ROWS = 40

@unlimited_digits()
def render_analysis(analysis: Analysis, explanation: list[str] | None = None,
                    sweeps: list[Sweep] | None = None) -> None:
    """Print the analysis's tables, ``sweeps``, ``explanation`` and the agreement line."""
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
    console.print(*head)
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
        more = f" … (+{len(value) - 12})" if len(value) > 12 else ""
        text = " ".join(map(_short, value[:12])) + more
    if result.optimal is not None:
        text += " (proven optimal)" if result.optimal else " (best found, not proven)"
    return Text(printable(text))

def _short(name: str) -> str:
    return shorten(name, NAME_WIDTH // 2)

def _plain(text: str, width: int | None = NAME_WIDTH) -> Text:
    """A cell of user text: shortened to ``width`` (None: already short), never markup."""
    return Text(printable(text) if width is None else shorten(text, width))

def _names(names: list[str]) -> str:
    """Names for one line: each shortened, at most MAX_ROWS of them."""
    shown = ", ".join(shorten(n) for n in names[:MAX_ROWS])
    return shown if len(names) <= MAX_ROWS else f"{shown}, … ({len(names)} in all)"

def _cut(items: list[Any], table: Table) -> list[Any]:
    if len(items) > MAX_ROWS:
        table.caption = f"first {MAX_ROWS} of {len(items)} rows; --format json or csv lists all"
    return items[:MAX_ROWS]

#: A column: header, justification, its cells, and when it is dropped to fit a narrow width
#: (lower first; None: always kept). Numbers are never folded mid-digit.
Column = tuple[str, JustifyMethod, list[Any], int | None]

@unlimited_digits()
def _columns_table(columns: list[Column]) -> Table:
    table = Table()
    for header, justify, _cells, _drop in columns:
        table.add_column(header, justify=justify, no_wrap=True)
    for row in zip(*(cells for _h, _j, cells, _d in columns), strict=True):
        table.add_row(*row)
    return table

def render_comparison(comparison: Comparison, console: Console | None = None) -> None:
    """Print the comparison's table (columns dropped to fit), footnotes and agreement line."""
    first = comparison.size_name or "graph"
    columns: list[Column] = [
        (first, "right" if comparison.family else "left", [], None),
        ("nodes", "right", [], 1), ("edges", "right", [], 2), ("paths", "right", [], None)]
    for engine in comparison.engines:
        columns += [(f"{engine}\nmul", "right", [], None), (f"{engine}\nadd", "right", [], 3),
                    (f"{engine}\ntime", "right", [], 0)]
    if has_ratio := "path" in comparison.engines and "reverse" in comparison.engines:
        columns.append(("path ops /\nreverse ops", "right", [], 4))
    derived_any = False
    for row in comparison.rows:
        rec = row.record
        cells = [Text(shorten(row.label)), str(rec["nodes"]), str(rec["edges"]),
                 str(rec["total_paths"])]
        for engine in comparison.engines:
            entry = row.engines[engine]
            derived = entry.get("enumerated") is False
            derived_any |= derived
            if not derived:
                time = duration(entry["seconds"])
            elif entry.get("estimated_seconds") is not None:
                time = f"≈ {duration(entry['estimated_seconds'])}"
            else:  # no rate measured, or an estimate beyond a float's range
                time = "no rate" if comparison.rate is None else "≈ ∞"
            star = "*" if derived else ""
            cells += [f"{entry['mul']}{star}", f"{entry['add']}{star}", time]
        if has_ratio:
            cells.append(ratio_text(rec["path_over_reverse"]))
        for column, cell in zip(columns, cells, strict=True):
            column[2].append(cell)
    if console is None:  # the terminal's width, or COLUMNS when piped (else no limit)
        console = fitted_console(_columns_table(columns))
        raw = os.environ.get("COLUMNS", "")  # isascii: str.isdigit takes "²", int() not
        width = console.width if console.is_terminal else \
            int(raw) if raw.isascii() and raw.isdigit() and int(raw) > 0 else None
    else:
        width = console.width
    kept, dropped = list(columns), []
    wide = console.options.update_width(100_000)
    order = sorted((c for c in columns if c[3] is not None), key=lambda c: c[3] or 0)
    table = _columns_table(kept)
    while width is not None and order and Measurement.get(console, wide, table).maximum > width:
        kept.remove(column := order.pop(0))
        dropped.append(" ".join(column[0].split()))
        table = _columns_table(kept)
    console.print(Text(printable(comparison.title)))
    console.print(table)
    if dropped:
        console.print(f"Left out to fit {width} columns: {', '.join(dropped)} (a wider "
                      "terminal, COLUMNS=200, or --format csv shows them).", soft_wrap=True,
                      highlight=False, markup=False)
    if derived_any:
        note = (f"* derived from the exact path counts, not enumerated: more than --max-paths "
                f"{comparison.max_paths:,} paths.")
        if comparison.rate is not None:
            note += (f" ≈ estimated at {rate_text(comparison.rate)} path edges/s, the "
                     f"enumeration rate measured on {comparison.rate_basis} "
                     f"({duration(comparison.rate_seconds)} of enumeration).")
        else:
            note += (" No time estimate: no graph was enumerated, so no rate was measured "
                     "(raise --max-paths to enumerate the smaller ones).")
        console.print(note, soft_wrap=True, highlight=False)
    if len(comparison.engines) < 2:
        return
    bad = [shorten(row.label) for row in comparison.rows if not row.record["agree"]]
    if bad:
        console.print(Text(f"✗ the engines disagree on {first} {', '.join(bad)}; "
                           "--format json lists the Jacobians.", style="red"))
    else:
        console.print(f"[green]✓ {', '.join(comparison.engines)} agree on every graph where "
                      "they ran.[/green]")

def analysis_html(analysis: Analysis) -> str:
    """The tables ``pathsum analyze`` prints, as HTML (``Analysis._repr_html_``)."""
    g = analysis.graph
    parts = [f"<h4>{escape(g.name)}</h4>"]
    if g.description:
        parts.append(f"<p>{escape(g.description)}</p>")
    if g.values is not None:
        rows: list[tuple[Any, ...]] = [
            (n, g.network.nodes[n].get("formula", "input"), show(g.values[n])) for n in g.order]
        parts.append(_html_table("Node values", ("node", "formula", "value"), rows))
    engines = list(analysis.results)
    jacobians = [analysis.jacobian(n) for n in engines]
    paths = analysis.paths()
    rows = [(f"d{y}/d{x}", paths[y][x], *("—" if j is None else show(j[y][x]) for j in jacobians))
            for y in g.outputs for x in g.inputs]
    parts.append(_html_table("Paths and derivatives", ("derivative", "paths", *engines), rows))
    rows = [(n, *("" if v is None else v for v in view_values(analysis, n, "notebook").values()))
            for n in analysis.results]
    header = ("engine", *(FIELDS[key].heading for key in view_keys("notebook")))
    parts.append(_html_table("Operations on partials", header, rows))
    parts += [_html_table(s.title, ("node", s.heading), [(n, show(v)) for n, v in s.rows])
              for s in explained_sweeps(analysis)]
    verdict = "agree on every derivative" if analysis.agree else \
        f"disagree on {len(analysis.disagreements)} derivative(s)"
    parts.append(f"<p>{escape(', '.join(engines))}: {verdict}.</p>")
    return "<div class=\"pathsum\">" + "".join(parts) + "</div>"

def _html_table(title: str, header: tuple[Any, ...], rows: list[tuple[Any, ...]]) -> str:
    cut = f"<caption>first {MAX_ROWS} of {len(rows)} rows</caption>" \
        if len(rows) > MAX_ROWS else ""
    head = "".join(f"<th>{escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
                   for row in rows[:MAX_ROWS])
    return (f"<p><b>{escape(title)}</b></p><table>{cut}<thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")

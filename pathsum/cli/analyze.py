"""``pathsum analyze`` and ``pathsum draw``: one graph, every engine side by side, or drawn."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..analysis import analyze
from ..atomic import is_stdout, open_output
from ..errors import TooLargeError, UsageError
from ..explain import explain, narrowed, path_sums, sweeps
from ..graph import Graph
from ..limits import check_drawn, read_limited
from ..loader import load, loads
from ..orderfile import load_order, save_order
from ..reports.formats import FORMATS, emit
from . import options as opts

__all__ = ["analyze_command", "draw_command"]

@click.command("analyze")
@click.argument("graph_files", metavar="GRAPH.yaml", nargs=-1, required=True)
@opts.engine_option
@opts.sets_option
@opts.max_paths_option
@opts.arith_option
@opts.format_option(*FORMATS["analysis"])
@click.option("--explain", "explain_paths", is_flag=True,
              help="Write out each derivative as its sum of named path products, and each "
                   "sweep node by node (table); json: add the named paths as \"sums\".")
@click.option("--per-node", is_flag=True,
              help="Keep every node's value from each sweep: forward from each input "
                   "(tangents), reverse from each output (adjoints). Table or json.")
@click.option("--wrt", multiple=True, metavar="INPUT",
              help="With --explain or --per-node: only the forward sweep from this input and "
                   "the derivatives with respect to it (json: only its sums). Repeatable.")
@click.option("--of", "of", multiple=True, metavar="OUTPUT",
              help="With --explain or --per-node: only the reverse sweep from this output and "
                   "its derivatives (json: only its sums). Repeatable.")
@opts.budget_option
@click.option("--order", "order_file", metavar="FILE", default=None,
              help="Also run eliminate-given: eliminate in the order this YAML or JSON list "
                   "gives (node names, or the edge engines' front:i->j, back:i->j steps).")
@opts.save_order_option
def analyze_command(graph_files: tuple[str, ...], engines: tuple[str, ...], sets: tuple[str, ...],
                    max_paths: int, arith: str, fmt: str, explain_paths: bool, per_node: bool,
                    wrt: tuple[str, ...], of: tuple[str, ...], budget: float | None,
                    order_file: str | None, save_file: str | None) -> None:
    """Analyse one graph: path counts, each engine's Jacobian and its mul/add.

    GRAPH.yaml is a graph file, or - to read the graph from stdin.

    Exits 0 when the engines agree, 1 when they disagree, 2 on bad input.

    \b
    Examples:
      pathsum analyze graphs/olah.yaml --explain
      pathsum generate diamond --size 4 | pathsum analyze -
      pathsum analyze graphs/olah.yaml --explain --wrt b
      pathsum analyze graphs/path-explosion.yaml --explain --format json
      pathsum analyze graphs/olah.yaml --per-node --format json
      pathsum analyze graphs/path-explosion.yaml --arith symbolic --explain
      pathsum analyze graphs/path-explosion.yaml --format json
      pathsum analyze graphs/olah.yaml --set a=3 --engine forward,reverse
      pathsum analyze graphs/lighthouse.yaml -e eliminate-markowitz --order order.yaml
      pathsum analyze graphs/lighthouse.yaml -e eliminate-optimal --save-order order.yaml
    """
    if len(graph_files) > 1:  # `pathsum analyze graphs/*.yaml`
        raise click.UsageError(f"analyze takes one GRAPH.yaml, not {len(graph_files)}; for "
                               "several, pathsum compare FILE... prints a table and pathsum "
                               "batch PATH... a record each")
    (graph_file,) = graph_files
    order = None if order_file is None else load_order(order_file)
    chosen = opts.parse_engines(engines, *([] if order is None else ["eliminate-given"]))
    options = opts.search_options(chosen, budget, order=order, order_source=order_file)
    saved = opts.saved_order(chosen, save_file, [graph_file, *filter(None, [order_file])])
    overrides = opts.parse_sets(sets)
    for flag, given in (("--explain", explain_paths), ("--per-node", per_node)):
        if given and fmt == "csv":
            raise click.UsageError(f"{flag} goes with --format table or json; csv has one row "
                                   "per derivative")
    if per_node and not {"forward", "reverse"} & set(chosen):
        raise click.UsageError("--per-node keeps the values of the forward and reverse "
                               "sweeps: add --engine forward or reverse")
    if (wrt or of) and not (explain_paths or (per_node and fmt == "table")):
        raise click.UsageError("--wrt and --of narrow --explain (table or json) and the "
                               "tables of --per-node")
    table = fmt == "table"
    with opts.progress("analyze") as step:
        step("load")
        with opts.naming_options():
            graph = _read_stdin(overrides, arith) if graph_file == "-" else \
                load(graph_file, overrides=overrides, arith=arith)
        result = analyze(graph, chosen, max_paths, progress=step,
                         per_node=per_node or (explain_paths and table), options=options)
        with opts.naming_options():  # an unknown name is refused before anything is printed
            narrowed(result, wrt, of)
        lines = explain(result, wrt=wrt, of=of, max_paths_name="--max-paths") \
            if explain_paths and table else None
    if saved is not None and save_file is not None:  # --save-order: the order, and its source
        used = result.results[saved]
        names = used.order_names(result.compiled.names)
        if names is None:  # every eliminate-* engine has one; a new one might not
            raise UsageError(f"--save-order: {saved} reports no elimination order")
        said = f"{saved} on {result.graph.name}: {used.mul} mul, {used.add} add"
        save_order(save_file, names, [said, "pathsum analyze GRAPH --order FILE replays it"])
    emit(result, fmt, explanation=lines, sweeps=sweeps(result, wrt=wrt, of=of) if table else None,
         sums=path_sums(result, wrt=wrt, of=of) if explain_paths and not table else None)
    if not result.agree:
        sys.exit(1)

def _read_stdin(overrides: dict[str, float], arith: str) -> Graph:
    """``analyze -``: the graph's text from stdin, with the size limit files have."""
    try:
        data = read_limited(sys.stdin.buffer)  # click.get_binary_stream is deprecated in 8.5
    except TooLargeError as err:
        raise err.located("<stdin>") from None
    return loads(data, source="<stdin>", name="stdin", overrides=overrides, arith=arith)

_DRAWN = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".html": "html"}

@click.command("draw")
@click.argument("graph_file", metavar="GRAPH.yaml")
@click.option("--output", "-o", required=True, type=opts.OUTPUT_FILE, metavar="FILE",
              help="Write here, atomically: .dot (DOT text), .svg or .png (through Graphviz), "
                   "or .html (one self-contained page to click through); - writes DOT text to "
                   "stdout.")
@click.option("--wrt", multiple=True, metavar="INPUT",
              help="Write d node/d INPUT on every node: the forward sweep. Repeatable.")
@click.option("--of", "of", multiple=True, metavar="OUTPUT",
              help="Write d OUTPUT/d node on every node: the reverse sweep. Repeatable.")
@click.option("--path", "path_text", metavar="NAME",
              help="Highlight one path, by its name as --explain prints it (b→d→e, "
                   "'X -α→ Y -δ→ Z'; -> for →, spaces optional) or by its nodes, b,d,e, "
                   "when no parallel edges leave a choice.")
@click.option("--formulas", is_flag=True,
              help="Label each edge with its local derivative as a formula (∂e/∂c = d) "
                   "instead of its value; needs pathsum[symbolic].")
@opts.sets_option
@click.option("--digits", type=click.IntRange(1, 17), default=4, show_default=True,
              help="Significant digits of the numbers drawn and shown on the page.")
@opts.arith_option
def draw_command(graph_file: str, output: str, wrt: tuple[str, ...], of: tuple[str, ...],
                 path_text: str | None, formulas: bool, sets: tuple[str, ...],
                 digits: int, arith: str) -> None:
    """Draw a graph bottom to top as the post does: partials on the edges, formulas and
    values on the nodes.

    \b
    Examples:
      pathsum draw graphs/olah.yaml --wrt b -o olah-forward.png
      pathsum draw graphs/olah.yaml --of e -o olah-reverse.svg
      pathsum draw graphs/olah.yaml --path b,d,e --formulas -o olah.dot
      pathsum draw graphs/path-explosion.yaml --path 'X -β→ Y -ε→ Z' -o beta-eps.svg
      pathsum draw graphs/path-explosion.yaml --arith symbolic -o explosion.svg
      pathsum draw graphs/olah.yaml -o olah.html
      pathsum draw graphs/olah.yaml -o - | dot -Tpdf > olah.pdf
    """
    from ..drawing.dot import dot_timeout, drawing, formula_labels, marks, page, require_dot
    suffix = Path(output).suffix.lower()
    kind = "dot" if is_stdout(output) else _DRAWN.get(suffix)
    if kind is None:
        raise click.UsageError(f"-o {output}: the file must end in "
                               f"{', '.join(_DRAWN)} (the suffix says what to write)")
    opts.check_output(output, "-o", [graph_file])
    overrides = opts.parse_sets(sets)
    if kind != "dot":
        require_dot(suffix)
        dot_timeout()  # a bad PATHSUM_DOT_TIMEOUT, before any work
    if formulas:
        from ..arith import Symbolic
        Symbolic(asked_by="--formulas")  # the install hint before any work
    with opts.naming_options():
        graph = load(graph_file, overrides=overrides, arith=arith)
    if kind != "dot":  # Graphviz lays it out: refused before the sweeps and dot run
        check_drawn(len(graph.network), graph.network.number_of_edges(), graph_file)
    analysis = analyze(graph, ["forward", "reverse"], per_node=True)
    with opts.naming_options():
        found = marks(analysis, wrt=wrt, of=of, path=path_text or (), digits=digits)
    if formulas:
        found.edge_labels = formula_labels(graph, analysis.compiled)
    data = page(analysis, found, digits, wrt=wrt, of=of).encode("utf-8") if kind == "html" \
        else drawing(analysis, found, kind, digits)
    with open_output(output, "wb", encoding=None) as out:
        out.write(data)

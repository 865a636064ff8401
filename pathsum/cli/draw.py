"""``pathsum draw``: the graph as DOT, SVG, PNG or a clickable HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from ..analysis import analyze
from ..atomic import is_stdout, open_output
from ..limits import check_drawn
from ..loader import load
from . import options as opts

__all__ = ["draw_command"]

#: Output suffix -> what is written.
FORMATS = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".html": "html"}


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
    from ..drawing import dot_timeout, drawing, formula_labels, marks, require_dot

    suffix = Path(output).suffix.lower()
    kind = "dot" if is_stdout(output) else FORMATS.get(suffix)
    if kind is None:
        raise click.UsageError(f"-o {output}: the file must end in "
                               f"{', '.join(FORMATS)} (the suffix says what to write)")
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
    if kind == "html":
        from ..drawing.page import page

        data = page(analysis, found, digits, wrt=wrt, of=of).encode("utf-8")
    else:
        data = drawing(analysis, found, kind, digits)
    with open_output(output, "wb", encoding=None) as out:
        out.write(data)

"""Rules of the command line, the reports and the drawings that were doctests in their
modules (issue 17 cut those docstrings); each test names its rule."""

from __future__ import annotations

import io

import pytest

from pathsum import analyze, loads
from pathsum.cli.families import family_options
from pathsum.cli.options import parse_sets, split_items
from pathsum.cli.trace import source_files
from pathsum.drawing.dot import (
    caption,
    dot_timeout,
    equals,
    grouped_edges,
    marks,
    note_room,
    quote,
    sweep_head,
    to_dot,
)
from pathsum.reports.formats import analysis_columns, batch_row, csv_cell, dumps, emit, writer

OLAH = "inputs: {a: 2, b: 1}\nnodes: {c: a + b, d: b + 1, e: c * d}\n"


def test_source_files_are_found_without_importing():
    assert source_files("examples/f.py:f") == ["examples/f.py"]
    assert source_files("pkg.mod:f") == ["pkg.mod", "pkg/mod.py", "pkg/mod/__init__.py"]


def test_at_values_split_at_commas_outside_brackets_only():
    assert split_items("x=[1,2],y=3") == ["x=[1,2]", "y=3"]
    assert parse_sets(["x=[[1, 2], [3, -4.5e-1]]"], "--at", arrays=True) == \
        {"x": [[1.0, 2.0], [3.0, -0.45]]}


def test_family_options_of_a_ranged_command_leave_out_what_replaces_the_size():
    import click

    command = click.command()(family_options(ranged=True)(lambda **given: None))
    assert [p.name for p in command.params] == ["width", "m", "degree", "inputs", "outputs",
                                                "seed"]


def test_csv_cells_are_exact_and_never_a_formula():
    assert [csv_cell(v) for v in (None, True, 0.1, 3 ** 40, -2.5)] == \
        ["", "true", "0.1", "12157665459056928801", "-2.5"]
    assert [csv_cell(v) for v in ("=1+1", "@SUM(A1)", "-3/10", "olah")] == \
        ["'=1+1", "'@SUM(A1)", "-3/10", "olah"]


def test_a_csv_row_with_a_carriage_return_is_quoted_whole():
    out = io.StringIO()
    write = writer(out, ["graph", "nodes"])
    write({"graph": "x\r=1+1", "nodes": 2})
    write({"graph": "olah", "nodes": 5})
    assert out.getvalue() == 'graph,nodes\n"x\r=1+1","2"\nolah,5\n'


def test_csv_headers_and_an_error_record_row():
    assert analysis_columns() == ["graph", "engine", "output", "input", "paths", "derivative",
                                  "mul", "add", "sweeps", "enumerated", "seconds", "order",
                                  "optimal", "agree"]
    row = batch_row({"graph": "g", "source": "g.yaml", "nodes": 2, "edges": 1,
                     "total_paths": 3 ** 40, "agree": True,
                     "engines": {"path": {"mul": 1, "add": 0, "enumerated": False,
                                          "seconds": 0.0}}})
    assert (row["total_paths"], row["path_enumerated"], row["agree"], row["error"]) == \
        ("12157665459056928801", "false", "true", "")
    out = io.StringIO()
    emit([{"graph": "g", "source": "g.yaml", "error": "g.yaml: no such file"}], "csv", out,
         engines=["reverse"])
    assert out.getvalue() == ("graph,source,nodes,edges,total_paths,reverse_mul,reverse_add,"
                              "reverse_seconds,agree,error\ng,g.yaml,,,,,,,,g.yaml: no such file\n")


def test_json_keeps_integers_exact_and_escapes_invisible_characters():
    assert dumps({"total_paths": 3 ** 40}, indent=None) == '{"total_paths": 12157665459056928801}'
    assert dumps({"graph": "α\u202egnp.exe"}, indent=None) == '{"graph": "α\\u202egnp.exe"}'
    out = io.StringIO()
    emit([{"graph": "g", "total_paths": 3 ** 40}], "jsonl", out)
    assert out.getvalue() == '{"graph": "g", "total_paths": 12157665459056928801}\n'


def test_explain_json_puts_the_sums_after_total_paths():
    import json

    a = analyze(loads("inputs: [X]\nedges: [[X, Y, 2]]\n"))
    from pathsum.explain import path_sums

    out = io.StringIO()
    emit(a, "json", out, sums=path_sums(a))
    keys = list(json.loads(out.getvalue()))
    assert keys[keys.index("total_paths") + 1] == "sums"


def test_dot_quotes_any_text_safely():
    assert quote('say "hi" \\ bye') == '"say \\"hi\\" \\\\ bye"'
    assert quote("two\nlines") == '"two\\nlines"'
    assert quote("olah\x1b[2J\u202e") == '"olah\\\\x1b[2J\\\\u202e"'


def test_the_caption_wraps_at_its_width_and_a_sweep_names_its_derivative():
    assert caption("olah", "the graph of the post: e = (a + b) * (b + 1)", 120) == \
        "olah\nthe graph of the\npost: e = (a + b) *\n(b + 1)"
    assert caption("olah", None) == "olah"
    assert sweep_head("forward", "b", "e") == sweep_head("reverse", "e", "b") == "de/db"
    assert (equals("0.5"), equals("≈0.3333")) == ("= 0.5", "≈ 0.3333")


def test_marks_note_a_sweep_and_highlight_a_path_by_its_nodes():
    a = analyze(loads(OLAH), ["forward", "reverse"], per_node=True)
    m = marks(a, of=["e"], path=["b", "d", "e"])
    assert (m.notes[2], sorted(m.highlight)) == (["de/dc = 2"], [2, 4])


def test_each_parallel_edge_is_drawn_through_its_own_label_node():
    a = analyze(loads("inputs: [x]\nedges: [[x, y, 2], [x, y, 3]]\n"), ["reverse"])
    assert to_dot(a).splitlines()[8:11] == [
        '  e0 [id="label-0", class="edge-0", label="2"];',
        '  n0 -> e0 [id="edge-0-tail", class="edge-0", arrowhead=none];',
        '  e0 -> n1 [id="edge-0", class="edge-0"];']


def test_an_edges_three_svg_parts_become_one_group():
    svg = ('<g id="label&#45;0" class="node edge&#45;0">\n<title>e0</title>\n<text>2</text>\n'
           '</g>\n<g id="edge&#45;0&#45;tail" class="edge edge&#45;0">\n'
           '<title>n0&#45;&gt;e0</title>\n<path d="A"/>\n</g>\n'
           '<g id="edge&#45;0" class="edge edge&#45;0">\n<title>e0&#45;&gt;n1</title>\n'
           '<path d="B"/>\n</g>\n')
    assert grouped_edges(svg) == ('<g id="edge-0" class="edge">\n<title>n0&#45;&gt;n1</title>\n'
                                  '<path d="A"/>\n<text>2</text>\n<path d="B"/>\n</g>\n')


def test_each_node_has_room_for_its_widest_note():
    data = {"names": ["a", "b"], "notes_per_node": 1, "initial": {"notes": {}},
            "sweeps": {"forward": {"0": {"notes": ["da/da = 1", "db/da = 0.6667"]}}}}
    assert note_room(data) == {0: ["da/da = 100"], 1: ["db/da = 0.666700"]}


def test_dot_runs_sixty_seconds_unless_told(monkeypatch):
    monkeypatch.delenv("PATHSUM_DOT_TIMEOUT", raising=False)
    assert dot_timeout() == 60.0
    monkeypatch.setenv("PATHSUM_DOT_TIMEOUT", "2.5")
    assert dot_timeout() == 2.5


@pytest.mark.parametrize("text", ["[1, [2]]", "[__import__('os')]", "[--1]", "[1"])
def test_an_array_on_the_command_line_is_read_never_evaluated(text):
    import click

    with pytest.raises(click.BadParameter):
        parse_sets([f"x={text}"], "--at", arrays=True)

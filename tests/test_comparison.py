"""The comparison library: rows, derived counts, estimates, flat rows, and the plot file."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from oracles import GRAPHS

import pathsum
from pathsum import GraphError, UsageError, analyze, generate, to_yaml
from pathsum.cli.options import parse_sizes
from pathsum.comparison import (
    Comparison,
    compare_family,
    compare_files,
)
from pathsum.display import duration
from pathsum.engines import ENGINES
from pathsum.reports.formats import comparison_columns as flat_columns
from pathsum.reports.formats import comparison_rows
from pathsum.reports.plot import PLOT_HINT, plot_comparison, plot_format, require_matplotlib

# -- --sizes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "sizes"), [
    ("1..5", [1, 2, 3, 4, 5]),
    ("1..20..5", [1, 6, 11, 16]),
    ("3..30..3", [3, 6, 9, 12, 15, 18, 21, 24, 27, 30]),
    ("1,2,5", [1, 2, 5]),
    (" 7 ", [7]),
    ("4..4", [4]),
    ("1, 3..5, 9", [1, 3, 4, 5, 9]),
])
def test_parse_sizes(text, sizes):
    assert parse_sizes(text) == sizes


@pytest.mark.parametrize(("text", "message"), [
    ("", "--sizes: '' is not a size or a range (write 1..20, 1..20..2 or 1,2,5)"),
    ("1-5", "--sizes: '1-5' is not a size or a range (write 1..20, 1..20..2 or 1,2,5)"),
    ("-1", "--sizes: '-1' is not a size or a range (write 1..20, 1..20..2 or 1,2,5)"),
    ("1..", "--sizes: '1..' is not a size or a range (write 1..20, 1..20..2 or 1,2,5)"),
    ("9..2", "--sizes: '9..2' goes down; write the smaller size first"),
    ("1..9..0", "--sizes: '1..9..0' needs a step of at least 1"),
    ("1..100000", "--sizes: more than 10000 sizes"),
])
def test_parse_sizes_errors(text, message):
    with pytest.raises(UsageError) as err:
        parse_sizes(text)
    assert str(err.value) == message


# -- family rows ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def diamonds() -> Comparison:
    """k = 1..9 with the path engine enumerating up to 3^5 = 243 paths."""
    return compare_family("diamond", range(1, 10), max_paths=300)


def test_one_row_per_size_with_exact_counts(diamonds):
    assert [row.record["size"] for row in diamonds.rows] == list(range(1, 10))
    for k, row in enumerate(diamonds.rows, start=1):
        rec = row.record
        assert (rec["nodes"], rec["edges"], rec["total_paths"]) == (k + 1, 3 * k, 3**k)
        assert (rec["engines"]["path"]["mul"], rec["engines"]["path"]["add"]) == \
            (3**k * (k - 1), 3**k - 1)
        for sweep in ("forward", "reverse"):
            assert (rec["engines"][sweep]["mul"], rec["engines"][sweep]["add"]) == \
                (3 * (k - 1), 2 * k)
        assert rec["engines"]["path"]["path_edges"] == 3**k * k
        reverse_ops = 3 * (k - 1) + 2 * k
        assert rec["path_over_reverse"] == pytest.approx((3**k * k - 1) / reverse_ops)


def test_beyond_max_paths_is_derived_with_an_estimate(diamonds):
    rows = diamonds.rows
    derived = [row.engines["path"]["enumerated"] is False for row in rows]
    assert derived == [False] * 5 + [True] * 4
    assert diamonds.rate is not None and diamonds.rate > 0
    assert diamonds.rate_basis == "k = 1..5"
    for row, derived_row in zip(rows, derived, strict=True):
        path = row.engines["path"]
        if derived_row:
            assert path["enumerated"] is False and path["jacobian"] is None
            assert path["path_edges_per_second"] == diamonds.rate
            assert path["estimated_seconds"] == pytest.approx(path["path_edges"] / diamonds.rate)
        else:
            assert path["enumerated"] is True and "estimated_seconds" not in path
    # The rate against an independent computation (issue 10: it was only checked against
    # itself): the path edges of diamond k are 3^k * k, over the seconds enumeration took.
    seconds = sum(row.engines["path"]["seconds"] for row in rows[:5])
    rate = sum(3**k * k for k in range(1, 6)) / seconds
    assert diamonds.rate == pytest.approx(rate, rel=1e-12)
    for k, row in enumerate(rows[5:], start=6):
        assert row.engines["path"]["estimated_seconds"] == pytest.approx(3**k * k / rate,
                                                                         rel=1e-12)
    estimates = [row.engines["path"]["estimated_seconds"] for row in rows[5:]]
    assert estimates == sorted(estimates)


def test_the_record_is_the_design_record_plus_family(diamonds):
    rec = diamonds.rows[2].record
    plain = analyze(generate("diamond", 3)).to_dict()
    assert set(plain) < set(rec)
    assert set(rec) - set(plain) == {"family", "size", "path_over_reverse"}
    for key in ("graph", "nodes", "edges", "inputs", "outputs", "values", "paths",
                "total_paths", "agree"):
        assert rec[key] == plain[key]
    assert rec["source"] is None
    assert rec["family"] == {"name": "diamond", "params": {"k": 3, "width": 3}}
    assert list(rec)[:4] == ["graph", "source", "family", "size"]
    json.dumps(diamonds.records(), allow_nan=False)


def test_titles_operations_and_labels():
    cmp = compare_family("diamond", [1, 2], params={"width": 2})
    assert cmp.title == "diamond (width=2): paths and operations by k"
    assert [row.label for row in cmp.rows] == ["1", "2"]
    row = compare_family("diamond", [2]).rows[0]
    assert (row.ops("path"), row.ops("reverse")) == (17, 7)
    files = compare_files([GRAPHS / "olah.yaml"])
    assert files.title == "paths and operations per graph"
    assert [(r.label, r.record["total_paths"]) for r in files.rows] == [("olah", 3)]


def test_a_ratio_beyond_a_float_is_none():
    cmp = compare_family("diamond", [1000], engines=["path", "reverse"])
    assert cmp.rows[0].record["path_over_reverse"] is None


def test_paths_reach_3_to_the_30_exactly():
    cmp = compare_family("diamond", [30], engines=["path", "reverse"])
    rec = cmp.rows[0].record
    assert rec["total_paths"] == 3**30 == 205891132094649
    assert rec["engines"]["path"]["mul"] == 3**30 * 29
    assert rec["engines"]["reverse"]["mul"] == 3 * 29
    assert rec["engines"]["path"]["estimated_seconds"] is None  # nothing enumerated: no rate
    assert cmp.rate is None


def test_family_parameters_and_seed_are_recorded():
    cmp = compare_family("mlp", [0, 1, 2], params={"width": 2}, seed=5)
    assert [r.record["total_paths"] for r in cmp.rows] == [2, 4, 8]
    assert cmp.rows[1].record["family"] == {
        "name": "mlp", "params": {"depth": 1, "width": 2, "widths": [2, 2, 1], "seed": 5}}
    assert cmp.size_name == "depth"
    assert cmp.params == {"width": 2, "seed": 5}  # what every row shares
    assert cmp.agree


@pytest.mark.parametrize("family", sorted(pathsum.FAMILIES))
def test_every_family_compares_over_its_default_range_start(family):
    sizes = parse_sizes(pathsum.FAMILIES[family].default_sizes)[:3]
    cmp = compare_family(family, sizes)
    assert len(cmp.rows) == 3 and cmp.agree


def test_rows_without_the_path_or_reverse_engine_have_no_ratio():
    cmp = compare_family("lattice", [2, 3], engines=["forward", "reverse"])
    assert [r.record["path_over_reverse"] for r in cmp.rows] == [None, None]
    assert list(cmp.rows[0].engines) == ["forward", "reverse"]
    assert cmp.rate is None


def test_a_reverse_sweep_that_spends_nothing_gives_no_ratio():
    cmp = compare_family("random", [2])  # one edge: nothing to multiply or add
    assert cmp.rows[0].ops("reverse") == 0
    assert cmp.rows[0].record["path_over_reverse"] is None


def test_on_row_is_called_per_row():
    seen = []
    compare_family("rnn", [1, 2, 3], on_row=lambda row: seen.append(row.label))
    assert seen == ["1", "2", "3"]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: compare_family("diamond", []), "no sizes to compare"),
    (lambda: compare_family("diamond", [1], engines=["magic"]),
     "unknown engine 'magic' (choose from " + ", ".join(pathsum.ENGINES) + ")"),
    (lambda: compare_family("diamond", [1], engines=[]), "no engine selected"),
    (lambda: compare_family("nope", [1]), ("unknown family 'nope' (choose from diamond, "
                                          "diamond-nodes, lattice, mlp, rnn, random)")),
    (lambda: compare_family("diamond", [1, 2, 0]), ("diamond: k (the size) must be at least 1, "
                                                   "not 0")),
    (lambda: compare_files([]), "no files to compare"),
])
def test_usage_errors_come_before_any_work(call, message, monkeypatch):
    monkeypatch.setattr("pathsum.comparison.analyze", lambda *a, **k: pytest.fail("worked"))
    with pytest.raises(UsageError) as err:
        call()
    assert str(err.value) == message


# -- files ------------------------------------------------------------------------------------


def test_files_in_order():
    files = [GRAPHS / "olah.yaml", GRAPHS / "path-explosion.yaml"]
    cmp = compare_files(files)
    assert [r.label for r in cmp.rows] == ["olah", "path-explosion"]
    for row, path in zip(cmp.rows, files, strict=True):
        assert row.record["family"] is None and row.record["size"] is None
        assert row.record["source"] == str(path)
    assert [r.record["total_paths"] for r in cmp.rows] == [3, 9]
    assert cmp.rows[1].engines["path"]["mul"] == 9
    assert cmp.family is None and cmp.size_name is None


def test_a_bad_file_stops_the_comparison(write):
    good = write(to_yaml(generate("diamond", 2)), "good.yaml")
    bad = write("inputs: {a: 1}\nnodes:\n  b: a +* 2\n", "bad.yaml")
    with pytest.raises(GraphError, match=r"bad\.yaml"):
        compare_files([good, bad])


# -- flat rows ----------------------------------------------------------------------------------


def test_flat_rows_are_one_per_graph_with_exact_integers(diamonds):
    flat = comparison_rows(diamonds)
    columns = flat_columns(diamonds.engines)
    assert len(flat) == 9
    assert all(list(row) == columns for row in flat)
    last = flat[-1]
    assert last["total_paths"] == 3**9 and last["path_mul"] == 3**9 * 8
    assert last["path_enumerated"] is False and last["path_seconds"] is None
    assert last["path_estimated_seconds"] > 0
    assert last["params"] == "k=9 width=3" and last["family"] == "diamond"
    assert flat[0]["path_enumerated"] is True and flat[0]["path_estimated_seconds"] is None
    assert last["reverse_sweeps"] == 1


def test_duration():
    assert [duration(s) for s in (2e-6, 0.0042, 3.0, 90, 7200, 3 * 86400, 2.1e8)] == [
        "2.00 µs", "4.20 ms", "3.00 s", "1.50 min", "2.00 h", "3.00 days", "6.65 years"]


# -- the plot ---------------------------------------------------------------------------------


def test_png_plot_is_a_real_png(diamonds, tmp_path):
    target = tmp_path / "blowup.png"
    plot_comparison(diamonds, target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000
    assert [p.name for p in tmp_path.iterdir()] == ["blowup.png"]  # no temporary left


def test_svg_plot_has_title_axes_and_legend(diamonds, tmp_path):
    target = tmp_path / "blowup.svg"
    plot_comparison(diamonds, target)
    text = target.read_text(encoding="utf-8")
    assert "<svg" in text[:1000]
    assert len(text) > 20_000
    for artist in ("axes_1", "legend_1", "line2d_1"):
        assert f'id="{artist}"' in text


def test_svg_plot_is_reproducible(tmp_path):
    cmp = compare_family("lattice", [2, 3, 4], max_paths=5)
    for row in cmp.rows:  # timings differ between runs; the picture must not
        for entry in row.engines.values():
            entry["seconds"] = 0.001
    one, two = tmp_path / "a.svg", tmp_path / "b.svg"
    plot_comparison(cmp, one)
    plot_comparison(cmp, two)
    assert one.read_bytes() == two.read_bytes()


def test_plot_of_every_engine_gives_each_its_colour(tmp_path):
    """More engines than tab10 has colours (14 of them) once raised StopIteration."""
    engines = [e for e in ENGINES if e != "eliminate-given"]  # given needs an --order file
    cmp = compare_family("diamond", [1, 2], engines=engines)
    target = tmp_path / "all.svg"
    plot_comparison(cmp, target)
    text = target.read_text(encoding="utf-8")
    strokes = {c for c in re.findall(r"stroke: (#[0-9a-f]{6})", text)
               if not c[1:3] == c[3:5] == c[5:7]}  # the greys: paths, grid, legend frame
    assert len(engines) == 13 and len(strokes) == 13


def test_plot_of_files(tmp_path):
    cmp = compare_files([GRAPHS / "olah.yaml", GRAPHS / "path-explosion.yaml"])
    target = tmp_path / "files.png"
    plot_comparison(cmp, target)
    assert target.read_bytes()[:4] == b"\x89PNG"


def test_plot_format():
    assert plot_format("a.png") == "png" and plot_format(Path("b.SVG")) == "svg"
    with pytest.raises(UsageError, match=r"^--plot: 'a\.jpg' must end in \.png or \.svg$"):
        plot_format("a.jpg")


def test_without_matplotlib_the_hint(monkeypatch, diamonds, tmp_path):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    with pytest.raises(UsageError) as err:
        require_matplotlib()
    assert str(err.value) == PLOT_HINT == \
        "--plot needs matplotlib, an optional extra: pip install 'pathsum[plot]'"
    with pytest.raises(UsageError):
        plot_comparison(diamonds, tmp_path / "x.png")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_plot_leaves_no_file(diamonds, tmp_path, monkeypatch):
    from matplotlib.figure import Figure

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Figure, "savefig", broken)
    with pytest.raises(RuntimeError):
        plot_comparison(diamonds, tmp_path / "x.png")
    assert list(tmp_path.iterdir()) == []


def test_shared_parameters_leave_out_those_that_follow_the_size():
    assert compare_family("lattice", [2, 3]).params == {}  # m follows n
    assert compare_family("lattice", [2, 3], params={"m": 4}).params == {"m": 4}
    assert compare_family("diamond", [1, 2], params={"width": 2}).params == {"width": 2}

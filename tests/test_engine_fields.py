"""The engine field list drives every output: each field an engine result carries is listed
once, the record keeps the list's order, and a field added to the list reaches the JSON
record, the CSV of analyze, compare and batch, and the tables."""

from __future__ import annotations

import dataclasses

from click.testing import CliRunner
from oracles import GRAPHS

import pathsum.analysis as fields
from pathsum import analyze, load
from pathsum.cli import main
from pathsum.engines import EngineResult
from pathsum.reports.formats import analysis_rows, batch_columns, batch_row, comparison_columns
from pathsum.reports.table import analysis_html

OLAH = str(GRAPHS / "olah.yaml")


def test_every_field_of_an_engine_result_is_listed() -> None:
    listed = {field.key for field in fields.ENGINE_FIELDS}
    carried = {f.name for f in dataclasses.fields(EngineResult)} - {"engine", "per_node"}
    assert carried <= listed
    assert {"tangents", "adjoints"} <= listed  # per_node, under the name of its sweep


def test_every_view_shows_listed_fields() -> None:
    for keys in fields.VIEWS.values():
        assert set(keys) <= set(fields.FIELDS)
        assert len(set(keys)) == len(keys)


def test_the_record_keeps_the_order_of_the_list() -> None:
    analysis = analyze(load(GRAPHS / "lighthouse.yaml"),
                       ["path", "forward", "reverse", "eliminate-markowitz",
                        "eliminate-search"], per_node=True)
    order = [field.key for field in fields.ENGINE_FIELDS]
    seen = set()
    for entry in analysis.to_dict()["engines"].values():
        keys = list(entry)
        assert keys == sorted(keys, key=order.index)
        seen.update(keys)
    assert {"enumerated", "sweeps", "tangents", "adjoints", "order", "optimal"} <= seen


def test_a_field_added_to_the_list_reaches_every_output(monkeypatch) -> None:
    def memory(analysis, engine, plain):
        return 7 * len(engine)  # any number the engine could carry

    extra = fields.EngineField("memory", memory, heading="memory")
    monkeypatch.setattr(fields, "ENGINE_FIELDS", (*fields.ENGINE_FIELDS, extra))
    monkeypatch.setitem(fields.FIELDS, "memory", extra)
    for view, keys in list(fields.VIEWS.items()):
        monkeypatch.setitem(fields.VIEWS, view, (*keys, "memory"))

    analysis = analyze(load(OLAH), ["path", "reverse"])
    record = analysis.to_dict()
    assert [e["memory"] for e in record["engines"].values()] == [28, 49]
    assert [row["memory"] for row in analysis_rows(analysis)] == [28, 28, 49, 49]
    assert batch_columns(["reverse"])[-3:] == ["reverse_memory", "agree", "error"]
    assert batch_row(record)["reverse_memory"] == "49"
    assert comparison_columns(["path"])[-3:] == ["path_memory", "path_over_reverse", "agree"]
    assert "<th>memory</th>" in analysis_html(analysis)

    runner = CliRunner()
    csv_out = runner.invoke(main, ["analyze", OLAH, "-e", "path,reverse", "--format", "csv"])
    assert csv_out.exit_code == 0
    assert csv_out.stdout.splitlines()[0].endswith(",optimal,memory,agree")
    table = runner.invoke(main, ["analyze", OLAH, "-e", "path,reverse"])
    assert table.exit_code == 0
    costs = table.stdout[table.stdout.index("Operations on partials"):]
    assert "memory" in costs and "49" in costs


def test_columns_cells_and_missing_engines_of_a_row_per_graph() -> None:
    assert fields.FIELDS["mul"].column("reverse") == "reverse_mul"
    assert fields.FIELDS["path_edges"].column("path") == "path_edges"  # not prefixed twice
    assert fields.FIELDS["enumerated"].carried_by("path")
    assert not fields.FIELDS["enumerated"].carried_by("reverse")
    assert fields.flat_fields({"mul": 2, "order": ["c", "d"]}, "table") == {
        "mul": 2, "add": None, "sweeps": None, "seconds": None, "order": "c d"}
    assert fields.engine_cells({"path": {"mul": 2, "add": 1, "seconds": 0.5}},
                               ["path", "reverse"], "batch") == {
        "path_mul": 2, "path_add": 1, "path_seconds": 0.5, "path_enumerated": None,
        "reverse_mul": None, "reverse_add": None, "reverse_seconds": None}
    assert fields.view_keys("compare", "reverse") == ["mul", "add", "seconds", "sweeps"]


def test_an_entry_holds_only_the_fields_its_engine_has() -> None:
    analysis = analyze(load(OLAH), ["path", "reverse"])
    assert list(fields.engine_entry(analysis, "path", float)) == [
        "jacobian", "mul", "add", "enumerated", "seconds", "setup_seconds"]
    assert fields.view_values(analysis, "reverse", "notebook") == {
        "mul": 3, "add": 1, "sweeps": 1}

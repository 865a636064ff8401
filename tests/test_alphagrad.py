"""AlphaGrad's benchmark (issue 18): the stored faithful graphs of its scalar tasks count
what AlphaGrad published, and they are what benchmarks/alphagrad's functions import to."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import pathsum

REPO = Path(__file__).resolve().parent.parent
PUBLISHED = yaml.safe_load((REPO / "benchmarks" / "alphagrad" / "published.yaml")
                           .read_text(encoding="utf-8"))
STORED = {name: row["graph"] for name, row in PUBLISHED.items() if "graph" in row}
ORDERS = {"eliminate-forward": "forward", "eliminate-reverse": "reverse",
          "eliminate-markowitz": "markowitz"}


def test_every_scalar_task_has_its_graph_stored() -> None:
    assert set(STORED) == {"HumanHeartDipole", "PropaneCombustion", "RoeFlux_1d",
                           "RobotArm_6DOF"}
    assert sorted((REPO / "graphs" / "alphagrad").glob("*.yaml")) == \
        sorted(REPO / path for path in STORED.values())


@pytest.mark.parametrize("task", sorted(STORED))
def test_stored_graph_counts_what_alphagrad_published(task: str) -> None:
    graph = pathsum.load(REPO / STORED[task])
    assert graph.name == Path(STORED[task]).stem
    result = pathsum.analyze(graph, engines=list(ORDERS))
    assert result.agree
    counted = {key: result.results[engine].mul for engine, key in ORDERS.items()}
    assert counted == {key: PUBLISHED[task][key] for key in ORDERS.values()}

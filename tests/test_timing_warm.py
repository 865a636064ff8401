"""Honest timings (issue 16 item 4): no engine's ``seconds`` includes an import or the
process's one-time warm-up, in any order of engines (DESIGN §8).

Never measured on the wall clock: a fresh interpreter runs the analysis with the clock the
analysis reads replaced by one that notes which modules are loaded at each reading, so
that an import inside an engine's timed call shows as modules that appeared in it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from oracles import GRAPHS
from processes import PATIENCE

#: In the child: analyse ``GRAPH`` with ``ENGINES`` (or compare it three times) and print,
#: per engine timed, the modules imported between its clock's start and stop readings.
PROBE = """
import json, sys, time
import pathsum, pathsum.analysis
from pathsum.backend import SMALL_GRAPH

class Clock:
    def __init__(self):
        self.readings = []
    def perf_counter(self):
        self.readings.append(set(sys.modules))
        return time.perf_counter()

clock = Clock()
pathsum.analysis.time = clock  # only the analysis's own clock: engines keep the real one
what, engines = sys.argv[1], sys.argv[2].split(",")
if what == "chain":
    graph = pathsum.from_edges([(f"n{i}", f"n{i + 1}", 0.5) for i in range(SMALL_GRAPH)],
                               ["n0"])
elif what == "diamond":
    graph = pathsum.diamond(9)
else:
    graph = pathsum.load(what)
runs = 3 if what == "diamond" else 1
imported = []
for _ in range(runs):
    before = len(clock.readings)
    pathsum.analyze(graph, engines)
    pairs = clock.readings[before:]
    imported.append([sorted(stop - start) for start, stop in zip(pairs[::2], pairs[1::2])])
print(json.dumps(imported))
"""


def imports_while_timed(what: str, engines: str) -> list[list[list[str]]]:
    done = subprocess.run([sys.executable, "-c", PROBE, what, engines], capture_output=True,
                          text=True, timeout=PATIENCE, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("engines", ["forward,reverse", "reverse,forward",
                                     "path,forward,reverse", "reverse,eliminate-markowitz,path"])
def test_no_engine_imports_inside_its_timed_call_on_olah(engines):
    [timed] = imports_while_timed(str(GRAPHS / "olah.yaml"), engines)
    assert len(timed) == len(engines.split(","))
    assert timed == [[]] * len(timed)


@pytest.mark.parametrize("engines", ["forward,reverse", "reverse,forward", "path,reverse"])
def test_no_engine_imports_inside_its_timed_call_past_the_small_graph_threshold(engines):
    """A large graph's sweeps take numpy's arrays and scipy's solves: imported before."""
    [timed] = imports_while_timed("chain", engines)
    assert timed == [[]] * len(timed)


def test_compare_of_three_equal_graphs_times_each_with_nothing_left_to_import():
    """diamond k=9's path engine takes numpy's chunks: the first row no longer pays for
    them (compare --sizes 9,9,9 gave 40 ms, then 4.7 ms, then 3.9 ms)."""
    rows = imports_while_timed("diamond", "path,forward,reverse")
    assert rows == [[[], [], []]] * 3

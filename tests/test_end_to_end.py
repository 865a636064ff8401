"""Random formula-dialect graphs, end to end: YAML text -> loader -> engines -> Jacobian,
checked against central differences of the same function evaluated by plain Python."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

import pathsum

# template -> Python function of the parents' values; every template is smooth.
TEMPLATES = {
    "{0} * {1}": lambda a, b, c: a * b,
    "{0} + {1} * {2}": lambda a, b, c: a + b * c,
    "sin({0}) - {1}": lambda a, b, c: math.sin(a) - b,
    "tanh({0} + {1})": lambda a, b, c: math.tanh(a + b),
    "{0} * {0}": lambda a, b, c: a * a,
    "exp(tanh({0})) / (2 + cos({1}))": lambda a, b, c: math.exp(math.tanh(a)) / (2 + math.cos(b)),
    "sigmoid({0}) * {2}": lambda a, b, c: c / (1 + math.exp(-a)),
    "sqrt(1 + {0} ** 2)": lambda a, b, c: math.sqrt(1 + a**2),
    "3": lambda a, b, c: 3.0,
}


@st.composite
def formula_graphs(draw):
    n_inputs = draw(st.integers(1, 3))
    inputs = {f"x{i}": draw(st.floats(-1, 1)) for i in range(n_inputs)}
    names = list(inputs)
    nodes = {}
    for i in range(draw(st.integers(1, 7))):
        template = draw(st.sampled_from(sorted(TEMPLATES)))
        parents = [draw(st.sampled_from(names)) for _ in range(3)]
        nodes[f"n{i}"] = (template, parents)
        names.append(f"n{i}")
    return inputs, nodes


def evaluate(inputs, nodes):
    values = dict(inputs)
    for name, (template, parents) in nodes.items():
        values[name] = TEMPLATES[template](*(values[p] for p in parents))
    return values


@given(formula_graphs())
def test_jacobian_matches_central_differences(graph):
    inputs, nodes = graph
    lines = ["inputs:", *(f"  {k}: {v!r}" for k, v in inputs.items()), "nodes:"]
    lines += [f"  {name}: {template.format(*parents)}"
              for name, (template, parents) in nodes.items()]
    result = pathsum.analyze(pathsum.loads("\n".join(lines) + "\n"))
    # Not result.agree: floats may cancel between paths (1 - 1 + 1e-38), and engines that
    # add in different orders then differ by more than DESIGN's rule allows relative to so
    # small a Jacobian. Each engine is checked against central differences instead; exact
    # agreement is the Fraction property in test_random_dags.py.
    values = evaluate(inputs, nodes)
    for name, value in values.items():
        assert math.isclose(result.graph.values[name], value, rel_tol=1e-12, abs_tol=1e-12)
    h = 1e-6
    for y in result.graph.outputs:
        for x in inputs:
            up = evaluate({**inputs, x: inputs[x] + h}, nodes)[y]
            down = evaluate({**inputs, x: inputs[x] - h}, nodes)[y]
            numeric = (up - down) / (2 * h)
            for engine in ("path", "forward", "reverse"):
                got = result.jacobian(engine)[y][x]
                assert math.isclose(got, numeric, rel_tol=1e-5, abs_tol=1e-6), (engine, y, x)

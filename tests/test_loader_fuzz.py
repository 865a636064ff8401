"""Whatever a file holds, loading it either works or raises a PathsumError: no other
exception (so no traceback) ever reaches the user."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

import pathsum
from pathsum.errors import PathsumError

NAMES = st.sampled_from(["a", "b", "c", "x", "y", "sin", "pi", "1x", "α", "class", ""])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**400, 10**400), st.floats(allow_nan=True),
    NAMES, st.sampled_from(["a + b", "a * c", "log(a)", "sqrt(b - 10)", "a +", "1/0", "x ** y",
                            "__import__('os')", "exp(1e3)", "b * b", "2.5", "1e400"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(NAMES, inner, max_size=4)), max_leaves=10)
EDGES = st.lists(st.one_of(st.tuples(NAMES, NAMES, SCALARS).map(list), VALUES), max_size=6)
DOCUMENTS = st.fixed_dictionaries({}, optional={
    "name": VALUES, "description": VALUES, "outputs": st.one_of(VALUES, st.lists(NAMES)),
    "inputs": st.one_of(VALUES, st.dictionaries(NAMES, SCALARS), st.lists(NAMES)),
    "nodes": st.one_of(VALUES, st.dictionaries(NAMES, SCALARS)),
    "edges": st.one_of(VALUES, EDGES),
    "symbols": st.one_of(VALUES, st.dictionaries(NAMES, SCALARS)),
    "extra": VALUES,
})


NODE = st.sampled_from(["a", "b", "c", "d", "x", "y"])
INPUT = st.sampled_from(["a", "b", "x"])
INNER = st.sampled_from(["c", "d", "y"])
NUMBER = st.one_of(st.integers(-3, 3), st.floats(-3, 3), st.sampled_from([0, 1e308, -1e-300]))
FORMULA = st.one_of(NUMBER, st.sampled_from([
    "a + b", "a * c", "log(a)", "sqrt(b - 1)", "c * c", "d / a", "x ** y", "tanh(b) + d",
    "relu(a - b)", "abs(c)", "exp(d * 300)", "sigmoid(x) * y", "a ** 0.5", "pi", "b - b",
]))
NEARLY_VALID = st.one_of(
    st.fixed_dictionaries(
        {"inputs": st.dictionaries(INPUT, st.one_of(NUMBER, NUMBER, SCALARS), min_size=1,
                                   max_size=3),
         "nodes": st.dictionaries(st.one_of(INNER, INNER, NODE), st.one_of(FORMULA, FORMULA,
                                  SCALARS), min_size=1, max_size=5)},
        optional={"outputs": st.lists(NODE, max_size=3), "name": VALUES}),
    st.fixed_dictionaries(
        {"inputs": st.one_of(st.lists(NODE, min_size=1, max_size=3),
                             st.dictionaries(NODE, SCALARS, min_size=1, max_size=2)),
         "edges": st.lists(st.one_of(
             st.tuples(NODE, NODE, st.one_of(NUMBER, st.sampled_from(["p", "q"]))).map(list),
             st.fixed_dictionaries({"from": NODE, "to": NODE, "partial": NUMBER}),
             VALUES), min_size=1, max_size=6)},
        optional={"outputs": st.lists(NODE, max_size=3),
                  "symbols": st.dictionaries(st.sampled_from(["p", "q", "r"]),
                                             st.one_of(NUMBER, SCALARS), max_size=3)}),
)


@given(st.one_of(DOCUMENTS, NEARLY_VALID, NEARLY_VALID))
def test_any_document_loads_or_raises_a_pathsum_error(document):
    try:
        result = pathsum.analyze(pathsum.load(document))
    except PathsumError as err:
        assert "\n" not in str(err)
        return
    assert result.agree
    for name in result.results:
        jac = result.jacobian(name)
        for row in (jac or {}).values():
            assert all(math.isfinite(float(d)) for d in row.values())


@given(st.text(max_size=200))
def test_any_text_loads_or_raises_a_pathsum_error(text):
    try:
        pathsum.loads(text + "\n")
    except PathsumError as err:
        assert "\n" not in str(err)

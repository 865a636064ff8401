"""The seeded families: a tanh MLP and an unrolled recurrence (formulas), a random DAG."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Mapping, Sequence
from typing import Any

from ..arguments import items
from ..display import count_text
from ..errors import UsageError
from .record import SEED, Family, Param, check_float, check_int

__all__ = ["MAX_FAN_IN", "MLP", "RANDOM", "RNN", "mlp", "random_dag", "rnn"]

#: The widest layer that may feed another in :func:`mlp`: each unit's formula is one flat sum
#: over the previous layer, and Python's parser refuses sums of much more than 2,500 terms.
MAX_FAN_IN = 2000

#: mlp's depth and width when neither they nor ``widths`` are given.
_DEPTH, _WIDTH = 2, 3

def _number(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")

def _linear(terms: list[tuple[float, str]], bias: float) -> str:
    """``w1*a - w2*b + bias`` as one flat sum: no nesting, so long layers still parse."""
    (first, name), rest = terms[0], terms[1:]
    text = f"{_number(first)}*{name}" + "".join(f"{_signed(w)}*{u}" for w, u in rest)
    return text + _signed(bias) if bias else text

def _signed(x: float) -> str:
    return f" {'-' if x < 0 else '+'} {_number(abs(x))}"

def _check_widths(widths: Sequence[int]) -> list[int]:
    widths = [check_int(w, "mlp: each width", 1)
              for w in items(widths, "mlp: widths", "a list of whole numbers")]
    if len(widths) < 2:
        raise UsageError("mlp: widths needs at least two layers (inputs and outputs), "
                         f"not {len(widths)}")
    for layer, w in enumerate(widths[:-1]):
        if w > MAX_FAN_IN:
            raise UsageError(f"mlp: layer {layer} is {w} wide; a layer that feeds another may be "
                             f"at most {MAX_FAN_IN} wide, since each unit's formula is one sum "
                             "over it")
    return widths

def mlp(widths: Sequence[int] = (3, 3, 3, 1), seed: int = 0) -> dict[str, Any]:
    """A dense network (formulas): inputs ``x1..``, tanh hidden units ``h{layer}_{j}``, linear
    outputs ``y1..``; weights of variance 1/fan-in.

    Parameters
    ----------
    widths : sequence of int
        Layer widths from inputs to outputs (one that feeds another: :data:`MAX_FAN_IN` at most).
    seed : int
        Seed of the weights and input values.

    Examples
    --------
    >>> mlp([2, 1], seed=0)["nodes"]
    {'y1': '-0.1946*x1 - 0.5905*x2 + 0.0023'}
    """
    widths = _check_widths(widths)
    seed = check_int(seed, "mlp: seed", 0)
    rng = random.Random(seed)
    prefixes = ["x", *(f"h{layer}_" for layer in range(1, len(widths) - 1)), "y"]
    names = [[f"{p}{j}" for j in range(1, w + 1)] for p, w in zip(prefixes, widths, strict=True)]
    inputs = {x: round(rng.uniform(-1.0, 1.0), 4) for x in names[0]}
    nodes: dict[str, str] = {}
    for layer in range(1, len(widths)):
        before = names[layer - 1]
        for unit in names[layer]:
            # Weights of variance about 1/fan-in, rounded to 4 decimals and never 0.
            terms = [(round(rng.uniform(-1.0, 1.0) * math.sqrt(3.0 / len(before)), 4) or 0.0001,
                      u) for u in before]
            sum_ = _linear(terms, round(rng.uniform(-0.1, 0.1), 4))
            nodes[unit] = sum_ if layer == len(widths) - 1 else f"tanh({sum_})"
    shape = "-".join(map(str, widths))
    return {"name": f"mlp-{shape}-s{seed}",
            "description": f"a dense {shape} network: tanh hidden units, linear outputs, "
                           f"weights and inputs drawn from seed {seed}",
            "inputs": inputs, "nodes": nodes, "outputs": names[-1]}

def rnn(steps: int = 5, seed: int = 0) -> dict[str, Any]:
    """``h_t = tanh(w*h_{t-1} + u*x_t)`` unrolled over T steps (formulas), output ``hT``.

    Parameters
    ----------
    steps, seed : int
        T, and the seed of the weights and input values.

    Examples
    --------
    >>> rnn(2, seed=1)["nodes"]
    {'h1': 'tanh(0.5672*h0 + 0.6949*x1)', 'h2': 'tanh(0.5672*h1 + 0.6949*x2)'}
    """
    steps = check_int(steps, "rnn: steps", 1)
    seed = check_int(seed, "rnn: seed", 0)
    rng = random.Random(seed)
    w = round(rng.uniform(0.5, 1.0), 4)
    u = round(rng.uniform(-1.0, 1.0), 4) or 0.0001
    inputs = {"h0": round(rng.uniform(-1.0, 1.0), 4)}
    inputs.update({f"x{t}": round(rng.uniform(-1.0, 1.0), 4) for t in range(1, steps + 1)})
    nodes = {f"h{t}": f"tanh({_linear([(w, f'h{t - 1}'), (u, f'x{t}')], 0.0)})"
             for t in range(1, steps + 1)}
    return {"name": f"rnn-t{steps}-s{seed}",
            "description": f"h_t = tanh({_number(w)}*h_(t-1) + {_number(u)}*x_t) unrolled over "
                           f"{count_text(steps, 'step')}, weights and inputs drawn from seed "
                           f"{seed}",
            "inputs": inputs, "nodes": nodes, "outputs": [f"h{steps}"]}

def _depth_width(params: Mapping[str, Any]) -> tuple[int, int]:
    """mlp's depth and width, the defaults where not given."""
    depth, width = params.get("depth"), params.get("width")
    return (_DEPTH if depth is None else depth), (_WIDTH if width is None else width)

def _mlp_edges(params: Mapping[str, Any]) -> int:
    if params.get("widths") is not None:
        return sum(a * b for a, b in itertools.pairwise(params["widths"]))
    depth, width = _depth_width(params)
    return depth * width * width + width  # [width] * (depth + 1) + [1], never built here

def _resolve_mlp(params: dict[str, Any]) -> dict[str, Any]:
    """depth and width into ``widths``; or ``widths`` as given, with depth and width None."""
    depth, width, widths = params["depth"], params["width"], params["widths"]
    if widths is None:
        depth, width = _depth_width(params)
        widths = [width] * (depth + 1) + [1]
    elif depth is not None or width is not None:
        raise UsageError("mlp: widths gives the whole shape; do not combine it with a size "
                         "(depth) or width")
    return {"depth": depth, "width": width, "widths": _check_widths(widths),
            "seed": params["seed"]}

MLP = Family(
    "mlp", "dense tanh layers, seeded weights (formulas); size is the depth.", "nodes",
    size="depth", default_sizes="0..10", build=mlp, edges=_mlp_edges, resolve=_resolve_mlp,
    params=(Param("depth", "int", None, "hidden layers of WIDTH units, between WIDTH inputs "
                  "and 1 output", 0, default_help=str(_DEPTH), argument=False),
            Param("width", "int", None, "units per layer", 1, default_help=str(_WIDTH),
                  argument=False),
            Param("widths", "ints", None, "the whole shape, inputs to outputs, e.g. 4,8,8,1 "
                  "(instead of --size and --width)", 1, replaces_size=True),
            SEED))

RNN = Family(
    "rnn", "h_t = tanh(w*h_(t-1) + u*x_t) unrolled over T steps (formulas).", "nodes",
    size="steps", default_sizes="1..20", build=rnn, edges=lambda p: 2 * p["steps"],
    params=(Param("steps", "int", 5, "time steps T", 1), SEED))

def random_dag(nodes: int = 10, degree: float = 2.0, seed: int = 0, *, inputs: int = 2,
               outputs: int = 1) -> dict[str, Any]:
    """A seeded random DAG on ``v0..v{nodes-1}`` (edge dialect) in which every node is active:
    each non-input gets a parent, each non-output a child, then random edges are added.

    Parameters
    ----------
    nodes, degree, seed : int, float, int
        Nodes, the mean in-degree of the non-inputs to reach, the seed (partials -1..1).
    inputs, outputs : int
        How many inputs (the first nodes) and outputs (the last).

    Examples
    --------
    >>> random_dag(4, degree=1.5, seed=0)["edges"]
    [['v0', 'v2', 0.9309], ['v1', 'v2', -0.0281], ['v1', 'v3', 0.8365], ['v2', 'v3', 0.6597]]
    """
    n = check_int(nodes, "random: nodes", 2)
    degree = check_float(degree, "random: degree", 1.0)
    seed = check_int(seed, "random: seed", 0)
    n_out = min(check_int(outputs, "random: outputs", 1), n - 1)
    n_in = min(check_int(inputs, "random: inputs", 1), n - n_out)
    rng = random.Random(seed)
    last_parent = n - n_out  # parents are the nodes before this index (outputs are sinks)
    pairs = {(rng.randrange(min(v, last_parent)), v): None for v in range(n_in, n)}
    has_child = {u for u, _ in pairs}
    for u in range(last_parent):
        if u not in has_child:
            pairs[u, rng.randrange(max(u + 1, n_in), n)] = None
    target = min(round(degree * (n - n_in)), sum(min(v, last_parent) for v in range(n_in, n)))
    while len(pairs) < target:
        v = rng.randrange(n_in, n)
        pairs.setdefault((rng.randrange(min(v, last_parent)), v), None)
    edges = [[f"v{u}", f"v{v}", round(rng.uniform(-1.0, 1.0), 4)]
             for u, v in sorted(pairs, key=lambda p: (p[1], p[0]))]
    return {"name": f"random-n{n}-d{degree:g}-s{seed}",
            "description": f"a random DAG of {n} nodes and {len(edges)} edges, mean in-degree "
                           f"{degree:g} asked, {count_text(n_in, 'input')}, "
                           f"{count_text(n_out, 'output')}, seed {seed}",
            "inputs": [f"v{i}" for i in range(n_in)],
            "outputs": [f"v{i}" for i in range(n - n_out, n)], "edges": edges}

RANDOM = Family(
    "random", "a seeded random DAG with a mean in-degree (edge dialect).", "edges",
    size="nodes", default_sizes="10..100..10", build=random_dag,
    edges=lambda p: math.ceil(p["degree"] * p["nodes"]) + p["nodes"],
    params=(Param("nodes", "int", 10, "nodes in the DAG", 2),
            Param("degree", "float", 2.0, "mean in-degree of the non-input nodes", 1.0),
            SEED,
            Param("inputs", "int", 2, "how many inputs, the first nodes", 1),
            Param("outputs", "int", 1, "how many outputs, the last nodes", 1)))

"""Graph families: generated documents that show how paths blow up while sweeps stay linear.

Every generator returns a *document*: a plain mapping in the shape of the YAML format
(DESIGN §2) that :func:`pathsum.load` accepts as it is, and that :func:`to_yaml` writes
out. Generators are deterministic: the same arguments (and ``seed``) give the same
document, byte for byte once written.

=================  =========  ===============================================  ============
family             dialect    shape                                            size
=================  =========  ===============================================  ============
``diamond``        edges      k stages of ``width`` parallel edges             k
``diamond-nodes``  nodes      the same, with one intermediate node per branch  k
``lattice``        edges      an n x m grid from corner to corner              n
``mlp``            nodes      dense tanh layers of the given widths            depth
``rnn``            nodes      h_t = tanh(w*h_{t-1} + u*x_t) over T steps       steps
``random``         edges      a seeded random DAG with a mean in-degree        nodes
=================  =========  ===============================================  ============

Partials stay finite: the diamonds use the partials 1..width while the derivative, the
product of the stage sums, fits in a float, and past that divide each stage by its sum;
the lattice splits each node's weight 1 between its two out-edges; weights of the seeded
families are drawn small.

Examples
--------
>>> import pathsum
>>> doc = generate("diamond", 4)
>>> doc["name"], pathsum.analyze(doc).total_paths
('diamond-k4-w3', 81)
>>> print(to_yaml(diamond(1, width=2)), end="")
name: diamond-k1-w2
description: 1 stage v0 -> v1 of 2 parallel edges with partials 1..2
inputs: [v0]
outputs: [v1]
edges:
- [v0, v1, 1]
- [v0, v1, 2]
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import UsageError
from .limits import check_edges
from .yamlwrite import to_yaml

__all__ = [
    "FAMILIES",
    "MAX_FAN_IN",
    "Family",
    "Param",
    "diamond",
    "diamond_nodes",
    "estimated_edges",
    "family_params",
    "find_family",
    "generate",
    "lattice",
    "mlp",
    "random_dag",
    "rnn",
    "to_yaml",
]

#: The widest layer that may feed another in :func:`mlp`: each unit's formula is one flat sum
#: over the previous layer, and Python's parser refuses sums of much more than 2,500 terms.
MAX_FAN_IN = 2000

#: Past this magnitude the diamonds normalise their stages so that values stay finite.
_FLOAT_LIMIT = 1e300


@dataclass(frozen=True)
class Param:
    """One parameter of a family.

    Attributes
    ----------
    name : str
        The generator's keyword (and, for all but the size, the CLI option ``--name``).
    kind : str
        ``"int"``, ``"float"`` or ``"ints"`` (a list of ints such as ``4,8,8,1``).
    default : object
        The value used when the parameter is not given (None: derived from others).
    help : str
        One line for ``--help``.
    minimum : int or float or None
        The smallest allowed value (each item, for ``ints``).
    """

    name: str
    kind: str
    default: Any
    help: str
    minimum: int | float | None = None


@dataclass(frozen=True)
class Family:
    """A family of graphs: its parameters and which of them is the size.

    Attributes
    ----------
    name : str
        As typed on the command line, e.g. ``diamond-nodes``.
    summary : str
        One line for ``--help``.
    dialect : str
        ``"edges"`` or ``"nodes"``.
    size : str
        The parameter that ``size`` (``--size``, ``--sizes``) sets.
    params : tuple of Param
        Every parameter, the size first; ``seed`` is listed for seeded families.
    seeded : bool
        Whether ``seed`` changes the graph.
    default_sizes : str
        A sensible ``--sizes`` range for ``pathsum compare``.
    build : callable
        The generator, called with every parameter of :func:`family_params` as a keyword.
    """

    name: str
    summary: str
    dialect: str
    size: str
    params: tuple[Param, ...]
    seeded: bool
    default_sizes: str
    build: Callable[..., dict[str, Any]]

    def param(self, name: str) -> Param | None:
        """The parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)

    @property
    def defaults(self) -> dict[str, Any]:
        """Parameter name -> default value."""
        return {p.name: p.default for p in self.params}


# -- the generators -----------------------------------------------------------------------

def _stage_partials(k: int, width: int) -> tuple[list[float | int], bool]:
    """Partials 1..width, or 1..width over their sum when (stage sum)^k would overflow."""
    total = width * (width + 1) // 2
    if k * math.log10(total) <= math.log10(_FLOAT_LIMIT):
        return list(range(1, width + 1)), False
    return [j / total for j in range(1, width + 1)], True


def _check_int(value: Any, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise UsageError(f"{what} must be a whole number, not {value!r}")
    if value < minimum:
        raise UsageError(f"{what} must be at least {minimum}, not {value}")
    return value


def _check_float(value: Any, what: str, minimum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise UsageError(f"{what} must be a finite number, not {value!r}")
    if value < minimum:
        raise UsageError(f"{what} must be at least {minimum:g}, not {value:g}")
    return float(value)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def diamond(k: int = 3, width: int = 3) -> dict[str, Any]:
    """A chain of ``k`` stages ``v0 -> v1 -> ... -> vk``, each of ``width`` parallel edges.

    Edge dialect. The partials of every stage are 1, 2, ..., ``width``, so the derivative is
    the product of the stage sums; if that product would not fit in a float, each stage's
    partials are divided by their sum (the derivative is then 1) and the description says so.

    Parameters
    ----------
    k : int
        Stages, at least 1.
    width : int
        Parallel edges per stage, at least 1.

    Returns
    -------
    dict
        A document for :func:`pathsum.load`.

    Examples
    --------
    >>> doc = diamond(2, width=2)
    >>> doc["inputs"], doc["outputs"], doc["edges"]
    (['v0'], ['v2'], [['v0', 'v1', 1], ['v0', 'v1', 2], ['v1', 'v2', 1], ['v1', 'v2', 2]])
    """
    k = _check_int(k, "diamond: k (stages)", 1)
    width = _check_int(width, "diamond: width", 1)
    partials, scaled = _stage_partials(k, width)
    edges = [[f"v{i}", f"v{i + 1}", p] for i in range(k) for p in partials]
    how = f"partials 1..{width}" + (f" divided by their sum {width * (width + 1) // 2} so the "
                                    "derivative stays finite" if scaled else "")
    return {
        "name": f"diamond-k{k}-w{width}",
        "description": f"{_plural(k, 'stage')} v0 -> v{k} of {_plural(width, 'parallel edge')} "
                       f"with {how}",
        "inputs": ["v0"],
        "outputs": [f"v{k}"],
        "edges": edges,
    }


def diamond_nodes(k: int = 3, width: int = 3) -> dict[str, Any]:
    """The diamond chain in the formula dialect, with one intermediate node per branch.

    Stage i has the branch nodes ``b{i}_{j} = j*v{i-1}`` for j = 1..``width`` and the join
    ``v{i}`` = their sum; the input ``v0`` is 1. As in :func:`diamond`, the coefficients are
    divided by their sum when the values would not fit in a float.

    Parameters
    ----------
    k : int
        Stages, at least 1.
    width : int
        Branches per stage, at least 1.

    Returns
    -------
    dict
        A document for :func:`pathsum.load`.

    Examples
    --------
    >>> diamond_nodes(1, width=2)["nodes"]
    {'b1_1': 'v0', 'b1_2': '2*v0', 'v1': 'b1_1 + b1_2'}
    """
    k = _check_int(k, "diamond-nodes: k (stages)", 1)
    width = _check_int(width, "diamond-nodes: width", 1)
    partials, scaled = _stage_partials(k, width)
    nodes: dict[str, str] = {}
    for i in range(1, k + 1):
        branches = []
        for j, c in enumerate(partials, start=1):
            name = f"b{i}_{j}"
            nodes[name] = f"v{i - 1}" if c == 1 else f"{c!r}*v{i - 1}"
            branches.append(name)
        nodes[f"v{i}"] = " + ".join(branches)
    how = "j" + (f"/{width * (width + 1) // 2} so the values stay finite" if scaled else "")
    return {
        "name": f"diamond-nodes-k{k}-w{width}",
        "description": f"{_plural(k, 'stage')} v0 -> v{k}; each stage branches into "
                       f"b_j = {how}*v (j = 1..{width}) and joins them in a sum",
        "inputs": {"v0": 1.0},
        "nodes": nodes,
        "outputs": [f"v{k}"],
    }


def _lattice_split(i: int, j: int) -> float:
    """A fixed, varied share in [0.25, 0.75] for the right step out of node (i, j)."""
    return 0.25 + 0.125 * ((3 * i + 7 * j) % 5)


def lattice(n: int = 3, m: int | None = None) -> dict[str, Any]:
    """An ``n`` x ``m`` grid of nodes ``n{i}_{j}``, from corner ``n0_0`` to ``n{n-1}_{m-1}``.

    Edge dialect. Every node has an edge right (j+1) and down (i+1) where the grid goes on.
    A node with both splits a weight of 1 between them, in a fixed pattern of shares from
    0.25 to 0.75, so every path product is at most 1 and the derivative stays finite.

    Parameters
    ----------
    n : int
        Rows, at least 1.
    m : int, optional
        Columns, at least 1; default ``n`` (a square). The grid needs two nodes or more.

    Returns
    -------
    dict
        A document for :func:`pathsum.load`.

    Examples
    --------
    >>> lattice(2, 2)["edges"]
    [['n0_0', 'n0_1', 0.25], ['n0_0', 'n1_0', 0.75], ['n0_1', 'n1_1', 1], ['n1_0', 'n1_1', 1]]
    """
    n = _check_int(n, "lattice: n (rows)", 1)
    m = n if m is None else _check_int(m, "lattice: m (columns)", 1)
    if n * m < 2:
        raise UsageError("lattice: a 1 x 1 grid has no edges; use at least 2 nodes")
    edges: list[list[Any]] = []
    for i in range(n):
        for j in range(m):
            here = f"n{i}_{j}"
            right, down = j + 1 < m, i + 1 < n
            share = _lattice_split(i, j) if right and down else 1
            if right:
                edges.append([here, f"n{i}_{j + 1}", share])
            if down:
                edges.append([here, f"n{i + 1}_{j}", 1 - share if right else 1])
    return {
        "name": f"lattice-{n}x{m}",
        "description": f"a {n} x {m} grid from n0_0 to n{n - 1}_{m - 1}, right and down steps; "
                       "each node splits a weight of 1 between its two steps",
        "inputs": ["n0_0"],
        "outputs": [f"n{n - 1}_{m - 1}"],
        "edges": edges,
    }


def _number(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _weight(rng: random.Random, fan_in: int) -> float:
    """A weight of variance about 1/fan_in, rounded to 4 decimals and never 0."""
    w = round(rng.uniform(-1.0, 1.0) * math.sqrt(3.0 / fan_in), 4)
    return w if w else 0.0001


def _linear(terms: list[tuple[float, str]], bias: float) -> str:
    """``w1*a - w2*b + bias`` as one flat sum (no nesting, so long layers still parse)."""
    text = ""
    for w, name in terms:
        if not text:
            text = f"{_number(w)}*{name}"
        else:
            text += f" {'-' if w < 0 else '+'} {_number(abs(w))}*{name}"
    if bias:
        text += f" {'-' if bias < 0 else '+'} {_number(abs(bias))}"
    return text


def _check_widths(widths: Sequence[int]) -> list[int]:
    widths = [_check_int(w, "mlp: each width", 1) for w in widths]
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
    """A dense network: ``widths[0]`` inputs, tanh hidden layers, a linear output layer.

    Formula dialect. Inputs are ``x1..``, hidden units ``h{layer}_{j}`` and outputs ``y1..``;
    every unit uses every unit of the layer before, so there are as many input-to-output
    paths as the product of the widths. Input values and weights are drawn from ``seed``
    (weights of variance 1/fan-in, so the tanh units do not saturate), with a small bias.

    Parameters
    ----------
    widths : sequence of int
        Layer widths from inputs to outputs: at least two layers, each at least 1 wide. A layer
        that feeds another may be at most :data:`MAX_FAN_IN` wide (each formula is one sum).
    seed : int
        Seed of the weights and input values.

    Returns
    -------
    dict
        A document for :func:`pathsum.load`.

    Raises
    ------
    UsageError
        For fewer than two layers, a width below 1, or a layer too wide to parse.

    Examples
    --------
    >>> doc = mlp([2, 1], seed=0)
    >>> list(doc["inputs"]), doc["nodes"]
    (['x1', 'x2'], {'y1': '-0.1946*x1 - 0.5905*x2 + 0.0023'})
    """
    widths = _check_widths(widths)
    seed = _check_int(seed, "mlp: seed", 0)
    rng = random.Random(seed)
    names = [[f"x{j}" for j in range(1, widths[0] + 1)]]
    for layer in range(1, len(widths) - 1):
        names.append([f"h{layer}_{j}" for j in range(1, widths[layer] + 1)])
    names.append([f"y{j}" for j in range(1, widths[-1] + 1)])
    inputs = {x: round(rng.uniform(-1.0, 1.0), 4) for x in names[0]}
    nodes: dict[str, str] = {}
    for layer in range(1, len(widths)):
        before = names[layer - 1]
        for unit in names[layer]:
            terms = [(_weight(rng, len(before)), u) for u in before]
            sum_ = _linear(terms, round(rng.uniform(-0.1, 0.1), 4))
            nodes[unit] = sum_ if layer == len(widths) - 1 else f"tanh({sum_})"
    shape = "-".join(map(str, widths))
    return {
        "name": f"mlp-{shape}-s{seed}",
        "description": f"a dense {shape} network: tanh hidden units, linear outputs, "
                       f"weights and inputs drawn from seed {seed}",
        "inputs": inputs,
        "nodes": nodes,
        "outputs": names[-1],
    }


def rnn(steps: int = 5, seed: int = 0) -> dict[str, Any]:
    """A scalar recurrence ``h_t = tanh(w*h_{t-1} + u*x_t)`` unrolled over ``steps`` steps.

    Formula dialect. The inputs are ``h0`` and ``x1..xT``, the output is ``hT``. The
    weights ``w`` (0.5 to 1) and ``u`` (-1 to 1) and the input values are drawn from
    ``seed``; they are shared by every step, as constants in the formulas.

    Parameters
    ----------
    steps : int
        T, at least 1.
    seed : int
        Seed of the weights and input values.

    Returns
    -------
    dict
        A document for :func:`pathsum.load`.

    Examples
    --------
    >>> rnn(2, seed=1)["nodes"]
    {'h1': 'tanh(0.5672*h0 + 0.6949*x1)', 'h2': 'tanh(0.5672*h1 + 0.6949*x2)'}
    """
    steps = _check_int(steps, "rnn: steps", 1)
    seed = _check_int(seed, "rnn: seed", 0)
    rng = random.Random(seed)
    w = round(rng.uniform(0.5, 1.0), 4)
    u = round(rng.uniform(-1.0, 1.0), 4) or 0.0001
    inputs = {"h0": round(rng.uniform(-1.0, 1.0), 4)}
    inputs.update({f"x{t}": round(rng.uniform(-1.0, 1.0), 4) for t in range(1, steps + 1)})
    nodes = {f"h{t}": f"tanh({_linear([(w, f'h{t - 1}'), (u, f'x{t}')], 0.0)})"
             for t in range(1, steps + 1)}
    return {
        "name": f"rnn-t{steps}-s{seed}",
        "description": f"h_t = tanh({_number(w)}*h_(t-1) + {_number(u)}*x_t) unrolled over "
                       f"{_plural(steps, 'step')}, weights and inputs drawn from seed {seed}",
        "inputs": inputs,
        "nodes": nodes,
        "outputs": [f"h{steps}"],
    }


def random_dag(nodes: int = 10, degree: float = 2.0, seed: int = 0, *, inputs: int = 2,
               outputs: int = 1) -> dict[str, Any]:
    """A seeded random DAG on ``v0..v{nodes-1}`` in which every node is active.

    Edge dialect. The first ``inputs`` nodes are the inputs, the last ``outputs`` nodes the
    outputs (both clamped so that the graph has at least one of each). The graph is built
    in three steps, each drawing from ``seed``:

    1. every other node gets one parent among the nodes before it;
    2. every node but an output that has no child yet gets one among the non-inputs after it;
    3. distinct random edges u -> v (u before v, u not an output, v not an input) are added
       until the mean in-degree of the non-input nodes reaches ``degree``, or as close as the
       distinct pairs allow.

    So every node lies on an input-to-output path. Partials are drawn from -1..1.

    Parameters
    ----------
    nodes : int
        Nodes, at least 2.
    degree : float
        Mean in-degree of the non-input nodes, at least 1 (steps 1 and 2 alone may give a
        little more).
    seed : int
        Seed of the structure and the partials.
    inputs, outputs : int
        How many inputs and outputs, each at least 1.

    Returns
    -------
    dict
        A document for :func:`pathsum.load`.

    Examples
    --------
    >>> doc = random_dag(4, degree=1.5, seed=0)
    >>> doc["inputs"], doc["outputs"]
    (['v0', 'v1'], ['v3'])
    >>> doc["edges"]
    [['v0', 'v2', 0.9309], ['v1', 'v2', -0.0281], ['v1', 'v3', 0.8365], ['v2', 'v3', 0.6597]]
    """
    n = _check_int(nodes, "random: nodes", 2)
    degree = _check_float(degree, "random: degree", 1.0)
    seed = _check_int(seed, "random: seed", 0)
    n_out = min(_check_int(outputs, "random: outputs", 1), n - 1)
    n_in = min(_check_int(inputs, "random: inputs", 1), n - n_out)
    rng = random.Random(seed)
    last_parent = n - n_out  # parents are the nodes before this index (outputs are sinks)
    pairs: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    has_child = [False] * n

    def add(u: int, v: int) -> None:
        pairs.append((u, v))
        seen.add((u, v))
        has_child[u] = True

    for v in range(n_in, n):
        add(rng.randrange(min(v, last_parent)), v)
    for u in range(last_parent):
        if not has_child[u]:
            add(u, rng.randrange(max(u + 1, n_in), n))
    target = round(degree * (n - n_in))
    possible = sum(min(v, last_parent) for v in range(n_in, n))
    target = min(target, possible)
    while len(pairs) < target:
        v = rng.randrange(n_in, n)
        u = rng.randrange(min(v, last_parent))
        if (u, v) not in seen:
            add(u, v)
    pairs.sort(key=lambda p: (p[1], p[0]))
    edges = [[f"v{u}", f"v{v}", round(rng.uniform(-1.0, 1.0), 4)] for u, v in pairs]
    return {
        "name": f"random-n{n}-d{degree:g}-s{seed}",
        "description": f"a random DAG of {n} nodes and {len(edges)} edges, mean in-degree "
                       f"{degree:g} asked, {_plural(n_in, 'input')}, {_plural(n_out, 'output')}, "
                       f"seed {seed}",
        "inputs": [f"v{i}" for i in range(n_in)],
        "outputs": [f"v{i}" for i in range(n - n_out, n)],
        "edges": edges,
    }


# -- the registry ---------------------------------------------------------------------------

_SEED = Param("seed", "int", 0, "Seed of the random weights (and structure).", 0)
_WIDTH = Param("width", "int", 3, "Parallel branches per stage.", 1)


def _build_mlp(depth: int, width: int, widths: list[int], seed: int) -> dict[str, Any]:
    """mlp from its resolved parameters: ``widths`` is the whole shape (see family_params)."""
    return mlp(widths, seed)


def _mlp_widths(depth: int | None, width: int | None,
                widths: Sequence[int] | None) -> list[int]:
    if widths is not None:
        if depth is not None or width is not None:
            raise UsageError("mlp: widths gives the whole shape; do not combine it with a size "
                             "(depth) or width")
        return list(widths)
    depth = _check_int(2 if depth is None else depth, "mlp: depth (hidden layers)", 0)
    width = _check_int(3 if width is None else width, "mlp: width", 1)
    return [width] * (depth + 1) + [1]


#: Family name -> its metadata, in the order ``--help`` lists them.
FAMILIES: dict[str, Family] = {
    f.name: f for f in (
        Family("diamond", "k stages of WIDTH parallel edges (edge dialect); paths WIDTH^k.",
               "edges", "k", (Param("k", "int", 3, "Stages.", 1), _WIDTH), False, "1..20",
               diamond),
        Family("diamond-nodes", "the diamond chain with a node on every branch (formulas).",
               "nodes", "k", (Param("k", "int", 3, "Stages.", 1), _WIDTH), False, "1..20",
               diamond_nodes),
        Family("lattice", "an n x m grid from corner to corner (edge dialect); size is n.",
               "edges", "n", (Param("n", "int", 3, "Rows.", 1),
                              Param("m", "int", None, "Columns (default: n, a square).", 1)),
               False, "2..12", lattice),
        Family("mlp", "dense tanh layers, seeded weights (formulas); size is the depth.",
               "nodes", "depth",
               (Param("depth", "int", None, "Hidden layers (default 2) of WIDTH units, between "
                      "WIDTH inputs and 1 output.", 0),
                Param("width", "int", None, "Units per layer (default 3).", 1),
                Param("widths", "ints", None, "The whole shape, inputs to outputs, e.g. 4,8,8,1 "
                      "(instead of depth and width).", 1),
                _SEED), True, "0..10", _build_mlp),
        Family("rnn", "h_t = tanh(w*h_(t-1) + u*x_t) unrolled over T steps (formulas).",
               "nodes", "steps", (Param("steps", "int", 5, "Time steps T.", 1), _SEED), True,
               "1..20", rnn),
        Family("random", "a seeded random DAG with a mean in-degree (edge dialect).",
               "edges", "nodes",
               (Param("nodes", "int", 10, "Nodes in the DAG.", 2),
                Param("degree", "float", 2.0, "Mean in-degree of the non-input nodes.", 1.0),
                _SEED,
                Param("inputs", "int", 2, "Inputs (the first nodes).", 1),
                Param("outputs", "int", 1, "Outputs (the last nodes).", 1)),
               True, "10..100..10", random_dag),
    )
}


def family_params(family: str, size: int | None = None, *, seed: int = 0,
                  **params: Any) -> dict[str, Any]:
    """The complete parameters :func:`generate` would use, checked, defaults filled in.

    ``seed`` is kept only for seeded families. For ``mlp`` the effective ``widths`` are
    included.

    Raises
    ------
    UsageError
        For an unknown family or parameter, or a size given twice.

    Examples
    --------
    >>> family_params("diamond", 5)
    {'k': 5, 'width': 3}
    >>> family_params("mlp", 1, width=2)
    {'depth': 1, 'width': 2, 'widths': [2, 2, 1], 'seed': 0}
    >>> family_params("diamond", 5, depth=2)
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: family 'diamond' has no parameter 'depth' (it takes k, width)
    """
    fam = find_family(family)
    for name in params:
        if fam.param(name) is None:
            takes = ", ".join(p.name for p in fam.params)
            raise UsageError(f"family '{fam.name}' has no parameter '{name}' (it takes {takes})")
    if size is not None:
        if fam.size in params:
            raise UsageError(f"family '{fam.name}': give the size or {fam.size}, not both")
        params[fam.size] = size
    resolved = fam.defaults
    resolved.update(params)
    if fam.seeded:
        resolved["seed"] = seed
    else:
        resolved.pop("seed", None)
    for param in fam.params:
        value = resolved[param.name]
        what = f"{fam.name}: {param.name}" + (" (the size)" if param.name == fam.size else "")
        if value is None:
            continue
        if param.kind == "int":
            _check_int(value, what, int(param.minimum or 0))
        elif param.kind == "float":
            _check_float(value, what, float(param.minimum or 0))
        else:
            if isinstance(value, str | bytes) or not isinstance(value, Sequence):
                raise UsageError(f"{what} must be a list of whole numbers, not {value!r}")
            resolved[param.name] = [_check_int(v, what, int(param.minimum or 0)) for v in value]
    check_edges(estimated_edges(fam.name, resolved), _request(fam.name, resolved))
    if fam.name == "lattice":
        if resolved["m"] is None:
            resolved["m"] = resolved["n"]
        if resolved["n"] * resolved["m"] < 2:
            raise UsageError("lattice: a 1 x 1 grid has no edges; use at least 2 nodes")
    if fam.name == "mlp":
        resolved["widths"] = _mlp_widths(resolved["depth"], resolved["width"],
                                         resolved["widths"])
        if params.get("widths") is None:
            resolved["depth"] = len(resolved["widths"]) - 2
            resolved["width"] = resolved["widths"][0]
        _check_widths(resolved["widths"])
        order = ("depth", "width", "widths", "seed")
        resolved = {key: resolved[key] for key in order}
    return resolved


def estimated_edges(family: str, params: dict[str, Any]) -> int:
    """How many edges the family member with these parameters has (at most), computed from
    the parameters alone, so that a graph too large to build is refused before it is built.

    Examples
    --------
    >>> estimated_edges("diamond", {"k": 10, "width": 3}), estimated_edges("lattice", {"n": 3})
    (30, 12)
    >>> estimated_edges("mlp", {"depth": None, "width": None, "widths": [4, 8, 1]})
    40
    """
    p = params
    if family == "diamond":
        return p["k"] * p["width"]
    if family == "diamond-nodes":
        return 2 * p["k"] * p["width"]
    if family == "lattice":
        n, m = p["n"], p.get("m") or p["n"]
        return n * (m - 1) + m * (n - 1)
    if family == "mlp":
        if p.get("widths") is not None:
            widths = p["widths"]
            return sum(a * b for a, b in itertools.pairwise(widths))
        depth = 2 if p.get("depth") is None else p["depth"]
        width = 3 if p.get("width") is None else p["width"]
        return depth * width * width + width  # [width] * (depth + 1) + [1]
    if family == "rnn":
        return 2 * p["steps"]
    return math.ceil(p["degree"] * p["nodes"]) + p["nodes"]  # random


def _request(family: str, params: dict[str, Any]) -> str:
    """``diamond k=1, width=100000000``, for a message."""
    said = ", ".join(f"{k}={v}" for k, v in params.items() if k != "seed" and v is not None)
    return f"{family} {said if len(said) <= 80 else said[:79] + '…'}"


def generate(family: str, size: int | None = None, *, seed: int = 0,
             **params: Any) -> dict[str, Any]:
    """A member of a family, as a document :func:`pathsum.load` accepts.

    Parameters
    ----------
    family : str
        A key of :data:`FAMILIES`: ``diamond``, ``diamond-nodes``, ``lattice``, ``mlp``,
        ``rnn`` or ``random``.
    size : int, optional
        The family's size parameter (``FAMILIES[family].size``); default the family's.
    seed : int
        Seed for the seeded families (``mlp``, ``rnn``, ``random``); others ignore it.
    **params
        The family's other parameters, e.g. ``width=4`` or ``widths=[4, 8, 8, 1]``.

    Returns
    -------
    dict
        The document: ``name``, ``description``, ``inputs``, ``outputs`` and ``edges`` or
        ``nodes``.

    Raises
    ------
    UsageError
        For an unknown family or parameter, or a value out of range.

    Examples
    --------
    >>> generate("lattice", 3, m=4)["name"]
    'lattice-3x4'
    >>> generate("mlp", widths=[4, 8, 8, 1], seed=2)["name"]
    'mlp-4-8-8-1-s2'
    >>> generate("hexagon")
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: unknown family 'hexagon' (choose from diamond, diamond-nodes, \
lattice, mlp, rnn, random)
    """
    return find_family(family).build(**family_params(family, size, seed=seed, **params))


def find_family(name: str) -> Family:
    """The family called ``name``.

    Raises
    ------
    UsageError
        For an unknown name, listing the families.
    """
    try:
        return FAMILIES[name]
    except (KeyError, TypeError):
        raise UsageError(f"unknown family '{name}' (choose from {', '.join(FAMILIES)})") from None

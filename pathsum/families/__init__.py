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

Each family is one :class:`Family` record beside its generator: its parameters (with their
help, defaults and limits), the estimate of its size, its resolve hook and its build
function. The modules:

- :mod:`~pathsum.families.record`: :class:`Family`, :class:`Param` and the value checks;
- :mod:`~pathsum.families.chains`: ``diamond`` and ``diamond-nodes``;
- :mod:`~pathsum.families.grid`: ``lattice``;
- :mod:`~pathsum.families.networks`: ``mlp`` and ``rnn``;
- :mod:`~pathsum.families.dag`: ``random``;
- :mod:`~pathsum.families.registry`: :data:`FAMILIES`, :func:`family_params` and
  :func:`generate`.

The YAML writer, :func:`to_yaml`, lives beside the readers in :mod:`pathsum.yamlwrite`.

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

from ..yamlwrite import to_yaml
from .chains import diamond, diamond_nodes
from .dag import random_dag
from .grid import lattice
from .networks import MAX_FAN_IN, mlp, rnn
from .record import Family, Param
from .registry import FAMILIES, family_params, find_family, generate

__all__ = [
    "FAMILIES",
    "MAX_FAN_IN",
    "Family",
    "Param",
    "diamond",
    "diamond_nodes",
    "family_params",
    "find_family",
    "generate",
    "lattice",
    "mlp",
    "random_dag",
    "rnn",
    "to_yaml",
]

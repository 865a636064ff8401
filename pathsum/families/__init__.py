"""Graph families that show paths blowing up while sweeps stay linear: :data:`FAMILIES`."""

from __future__ import annotations

from typing import Any

from ..arguments import text
from ..errors import UsageError
from ..limits import check_edges
from ..yamlwrite import to_yaml
from .chains import DIAMOND, DIAMOND_NODES, LATTICE, diamond, diamond_nodes, lattice
from .networks import MAX_FAN_IN, MLP, RANDOM, RNN, mlp, random_dag, rnn
from .record import Family, Param

__all__ = ["FAMILIES", "MAX_FAN_IN", "Family", "Param", "diamond", "diamond_nodes",
           "family_params", "find_family", "generate", "lattice", "mlp", "random_dag", "rnn",
           "to_yaml"]

#: Family name -> its record, in the order ``--help`` lists them.
FAMILIES = {f.name: f for f in (DIAMOND, DIAMOND_NODES, LATTICE, MLP, RNN, RANDOM)}

def find_family(name: str) -> Family:
    """The family called ``name``; a UsageError listing the families for an unknown one."""
    if text(name, "family") not in FAMILIES:
        raise UsageError(f"unknown family '{name}' (choose from {', '.join(FAMILIES)})")
    return FAMILIES[name]

def family_params(family: str, size: int | None = None, *, seed: int = 0,
                  **params: Any) -> dict[str, Any]:
    """The complete parameters :func:`generate` would use: checked, defaults in, resolved."""
    fam = find_family(family)
    for name in params:
        if fam.param(name) is None:
            takes = ", ".join(p.name for p in fam.params)
            raise UsageError(f"family '{fam.name}' has no parameter '{name}' (it takes {takes})")
    if size is not None:
        if fam.size in params:
            raise UsageError(f"family '{fam.name}': give the size or {fam.size}, not both")
        params[fam.size] = size
    resolved = {p.name: p.default for p in fam.params} | params
    if fam.seeded:
        resolved["seed"] = seed
    for param in fam.params:
        if resolved[param.name] is not None:
            what = f"{fam.name}: {param.name}" + (" (the size)" if param.name == fam.size else "")
            resolved[param.name] = param.check(resolved[param.name], what)
    said = ", ".join(f"{k}={v}" for k, v in resolved.items() if k != "seed" and v is not None)
    check_edges(fam.edges(resolved), f"{fam.name} {said if len(said) <= 80 else said[:79] + '…'}")
    return fam.resolve(resolved)

def generate(family: str, size: int | None = None, *, seed: int = 0,
             **params: Any) -> dict[str, Any]:
    """A member of a family, as a document :func:`pathsum.load` accepts.

    Parameters
    ----------
    family : str
        A key of :data:`FAMILIES`.
    size, seed : int, optional
        The family's size parameter (``FAMILIES[family].size``), and the seeded ones' seed.
    **params
        The family's other parameters, e.g. ``width=4`` or ``widths=[4, 8, 8, 1]``.

    Examples
    --------
    >>> generate("mlp", widths=[4, 8, 8, 1], seed=2)["name"]
    'mlp-4-8-8-1-s2'
    """
    return find_family(family).document(family_params(family, size, seed=seed, **params))

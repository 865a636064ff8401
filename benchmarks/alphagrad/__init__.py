"""AlphaGrad's benchmark (Lohoff and Neftci, NeurIPS 2024) as JAX functions, with the point
each is imported at.

Every task is written from its published equations in the order that gives AlphaGrad's
jaxpr equation for equation (see each module), so that pathsum's faithful import
(``pathsum.from_jax(f, merge=False, ...)``, ``pathsum import jax --no-merge``) builds the
graph AlphaGrad counts on: one vertex per equation. ``scripts/alphagrad.py`` imports each
task, runs every elimination engine and prints the table beside AlphaGrad's published counts
(``published.yaml``); ``graphs/alphagrad/`` stores the faithful graphs of the scalar tasks.

The points are AlphaGrad's (its ``experiments.py``) where it gives them and they are
finite, with three exceptions: ``g`` has no real value at AlphaGrad's point (0.15 for every
input: ``pow`` of a negative base), so it is imported where every equation is defined;
``f``, the MLP and the encoder take seeded arrays of our own (rounded to 2 decimals); and
the layer norms' gamma and beta are 1 and 0 (AlphaGrad's 0 and 1 make their outputs
constant). The counts do not depend on the point: no task has a comparison or
``jnp.where``, whose branch the point would pick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import deep_learning, finance, kinematics, minpack, randoms, roe

__all__ = ["PUBLISHED", "TASKS", "Task"]

#: The data file of AlphaGrad's published counts, with their provenance.
PUBLISHED = Path(__file__).with_name("published.yaml")


@dataclass(frozen=True)
class Task:
    """One benchmark task.

    Attributes
    ----------
    name : str
        AlphaGrad's name of the task (the key in ``published.yaml``).
    function : callable
        The JAX function.
    point : dict
        The inputs by parameter name: floats, or nested lists for array arguments.
    arrays : bool
        Whether the function takes arrays: imported through the array import, each element a
        scalar node (pathsum's scalar model), so its counts are not AlphaGrad's tensor ones.
    stem : str
        The file name (without ``.yaml``) of its stored faithful graph in ``graphs/alphagrad``
        (scalar tasks only).
    """

    name: str
    function: Callable[..., Any]
    point: dict[str, Any] = field(repr=False)
    arrays: bool = False
    stem: str = ""


def _same(value: float, names: str) -> dict[str, float]:
    return dict.fromkeys(names.split(), value)


def _normal(seed: int, *shapes: tuple[int, ...]) -> list[Any]:
    """Arrays of standard normal numbers rounded to 2 decimals (PCG64's stream is stable)."""
    rng = np.random.default_rng(seed)
    return [np.round(rng.standard_normal(shape), 2).tolist() for shape in shapes]


_X8 = "x1 x2 x3 x4 x5 x6 x7 x8"
_MLP = _normal(1234, (4,), (8, 4), (8,), (4, 8), (4,))
_ENC = _normal(250197, (2, 4), *[(4, 4)] * 7, (2, 4), (4,), (2, 1))

TASKS: tuple[Task, ...] = (
    Task("HumanHeartDipole", minpack.human_heart_dipole, _same(0.15, _X8),
         stem="humanheartdipole"),
    Task("PropaneCombustion", minpack.propane_combustion, _same(0.15, _X8 + " x9 x10 x11"),
         stem="propanecombustion"),
    Task("RoeFlux_1d", roe.roe_flux_1d,
         {"ul0": 0.01, "ul1": 0.02, "ul2": 0.02, "ur0": 0.01, "ur1": 0.03, "ur2": 0.03},
         stem="roeflux_1d"),
    Task("RoeFlux_3d", roe.roe_flux_3d,
         {"ul0": [0.1], "ul": [0.1, 0.2, 0.3], "ul4": [0.5], "ur0": [0.2], "ur": [0.2, 0.2, 0.4],
          "ur4": [0.6]}, arrays=True),
    Task("RobotArm_6DOF", kinematics.robot_arm_6dof, _same(0.02, "t1 t2 t3 t4 t5 t6"),
         stem="robotarm_6dof"),
    Task("g", randoms.g,
         dict(zip((f"v{i}" for i in range(15)),
                  (2.6, -2.3, -1.0, 0.1, 1.0, 2.8, -1.9, 0.6, 0.1, 1.5, 2.3, 0.4, 2.0, 0.9, -1.9),
                  strict=True)), stem="g"),
    Task("f", randoms.f,
         {"v0": [0.05, 0.43, 0.09, 0.35], "v1": [[0.42, 0.1, 0.48], [0.38, 0.23, 0.27]],
          "v2": [[0.14, 0.22, 0.28, 0.35], [0.24, 0.27, 0.09, 0.07], [0.16, 0.13, 0.24, 0.1],
                 [0.28, 0.46, 0.08, 0.33]],
          "v4": [[0.03], [0.44], [0.41], [0.36]]}, arrays=True),
    Task("BlackScholes", finance.black_scholes, _same(1.0, "S K r sigma T")),
    Task("BlackScholes_Jacobian", finance.black_scholes_jacobian, _same(1.0, "S K r sigma T"),
         stem="blackscholes_jacobian"),
    Task("Perceptron", deep_learning.perceptron,
         {"x": [1.0] * 4, "y": _MLP[0], "W1": _MLP[1], "b1": _MLP[2], "W2": _MLP[3],
          "b2": _MLP[4], "gamma": 1.0, "beta": 0.0}, arrays=True),
    Task("Encoder", deep_learning.encoder,
         {"x": [[1.0] * 4] * 4, "y": _ENC[0],
          **dict(zip(("WQ1", "WQ2", "WK1", "WK2", "WV1", "WV2", "W1", "W2", "b1", "b2"),
                     _ENC[1:], strict=True)),
          "gamma0": 1.0, "beta0": 0.0, "gamma1": 1.0, "beta1": 0.0}, arrays=True),
)

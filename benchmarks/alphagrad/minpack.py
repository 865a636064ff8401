"""Two MINPACK-2 systems of AlphaGrad's benchmark, as JAX functions of scalars.

Sources: the equations of Averick, Carter, Moré and Xue, *The MINPACK-2 test problem
collection* (Argonne, 1992), §"Human heart dipole" and §"Combustion of propane (full
formulation)", in the form AlphaGrad (Lohoff and Neftci, NeurIPS 2024) benchmarks them:
Graphax's ``examples/minpack.py`` (github jamielohoff/graphax), with every sigma set to 1
and p = 40, R = 10.

The operations are written in the order that gives AlphaGrad's jaxpr equation for equation:
the counts of vertex elimination depend on that order (a product ``2*a*b*c`` is three
multiplications, ``a**2`` one ``integer_pow``), so the expressions below are not to be
simplified or reordered.
"""

from __future__ import annotations

import jax.numpy as jnp

#: The measured moments of the dipole, all 1 in AlphaGrad's benchmark.
SIGMA_MX = SIGMA_MY = SIGMA_A = SIGMA_B = SIGMA_C = SIGMA_D = SIGMA_E = 1.0

#: Pressure and the ratio R of the propane system.
P = 40.0
R = 10.0


def human_heart_dipole(x1, x2, x3, x4, x5, x6, x7, x8):
    """The 8 residuals of the human heart dipole (MINPACK-2 ``dhhd``).

    With a = x1, b = x2, c = x3, d = x4 and t = x5, u = x6, v = x7, w = x8::

        f1 = a + b - s_mx
        f2 = c + d - s_my
        f3 = t a + u b - v c - w d - s_A
        f4 = v a + w b + t c + u d - s_B
        f5 = a (t^2 - v^2) - 2 c t v + b (u^2 - w^2) - 2 d u w - s_C
        f6 = c (t^2 - v^2) - 2 a t v + d (u^2 - w^2) - 2 b u w - s_D
        f7 = a t (t^2 - 3 v^2) + c v (v^2 - 3 t^2) + b u (u^2 - 3 w^2) + d w (w^2 - 3 u^2) - s_E
        f8 = c t (t^2 - 3 v^2) - a v (v^2 - 3 t^2) + d u (u^2 - 3 w^2) - b w (w^2 - 3 u^2) - s_E

    (the last residual is taken against s_E, as in AlphaGrad's benchmark; all sigmas are 1).
    """
    f1 = x1 + x2 - SIGMA_MX
    f2 = x3 + x4 - SIGMA_MY
    f3 = x5 * x1 + x6 * x2 - x7 * x3 - x8 * x4 - SIGMA_A
    f4 = x7 * x1 + x8 * x2 + x5 * x3 + x6 * x4 - SIGMA_B
    tv = x5**2 - x7**2
    uw = x6**2 - x8**2
    f5 = x1 * tv - 2 * x3 * x5 * x7 + x2 * uw - 2 * x4 * x6 * x8 - SIGMA_C
    f6 = x3 * tv - 2 * x1 * x5 * x7 + x4 * uw - 2 * x2 * x6 * x8 - SIGMA_D
    t3 = x5 * (x5**2 - 3 * x7**2)
    v3 = x7 * (x7**2 - 3 * x5**2)
    u3 = x6 * (x6**2 - 3 * x8**2)
    w3 = x8 * (x8**2 - 3 * x6**2)
    f7 = x1 * t3 + x3 * v3 + x2 * u3 + x4 * w3 - SIGMA_E
    f8 = x3 * t3 - x1 * v3 + x4 * u3 - x2 * w3 - SIGMA_E
    return f1, f2, f3, f4, f5, f6, f7, f8


def propane_combustion(x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11):
    """The 11 residuals of the full formulation of propane combustion in air (MINPACK-2
    ``dpfcn``), x11 the total number of moles, with r = sqrt(p / x11)::

        f1 = x1 + x4 - 3
        f2 = 2 x1 + x2 + x4 + x7 + x8 + x9 + 2 x10 - R
        f3 = 2 x2 + 2 x5 + x6 + x7 - 8
        f4 = 2 x3 + x9 - 4 R
        f5 = x2 x4 - x1 x5
        f6 = sqrt(x2 x4) - sqrt(x1) r x6
        f7 = sqrt(x1 x2) - sqrt(x4) x7 r
        f8 = x1 - x4 x8 p / x11
        f9 = x1 sqrt(x3) - x4 x9 r
        f10 = x1^2 - x4^2 x10 p / x11
        f11 = x11 - x1 - x2 - ... - x10
    """
    r = jnp.sqrt(P / x11)
    f1 = x1 + x4 - 3.0
    f2 = 2 * x1 + x2 + x4 + x7 + x8 + x9 + 2 * x10 - R
    f3 = 2 * x2 + 2 * x5 + x6 + x7 - 8.0
    f4 = 2 * x3 + x9 - 4 * R
    f5 = x2 * x4 - x1 * x5
    f6 = jnp.sqrt(x2 * x4) - jnp.sqrt(x1) * r * x6
    f7 = jnp.sqrt(x1 * x2) - jnp.sqrt(x4) * x7 * r
    f8 = x1 - x4 * x8 * P / x11
    f9 = x1 * jnp.sqrt(x3) - x4 * x9 * r
    f10 = x1**2 - x4**2 * x10 * P / x11
    f11 = x11 - x1 - x2 - x3 - x4 - x5 - x6 - x7 - x8 - x9 - x10
    return f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11

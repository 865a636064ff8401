"""Roe's approximate Riemann solver for the Euler equations, 1-d and 3-d: the numerical
flux across a cell face between a left state u_l and a right state u_r.

Source: P. L. Roe, *Approximate Riemann solvers, parameter vectors, and difference
schemes*, J. Comput. Phys. 43 (1981) 357-372: the Roe averages (weights sqrt(rho_l) and
sqrt(rho_r)), the wave strengths and the flux phi = (F(u_l) + F(u_r) - sum |lambda_k| c_k
r_k) / 2; in the form AlphaGrad (Lohoff and Neftci, NeurIPS 2024) benchmarks it, Graphax's
``examples/roe.py`` (github jamielohoff/graphax), with gamma = 0.5 and the eigenvalues'
absolute values as there.

The operations are in the order that gives AlphaGrad's jaxpr equation for equation (vertex
elimination counts depend on it); do not simplify or reorder them.
"""

from __future__ import annotations

import jax.numpy as jnp

#: The ratio of specific heats of AlphaGrad's benchmark.
GAMMA = 0.5


def _pressure_1d(u0, u1, u2):
    """p = (gamma - 1) (E - rho v^2 / 2), with u = (rho, rho v, E)."""
    return (GAMMA - 1.0) * (u2 - 0.5 * u1**2 / u0)


def _enthalpy(u0, u4, p):
    """H = (E + p) / rho."""
    return (u4 + p) / u0


def _flux_1d(u0, u1, u2, p):
    """The Euler flux F(u) = (rho v, p + rho v^2, v (p + E))."""
    v = u1 / u0
    return u1, p + u1 * v, v * (p + u2)


def roe_flux_1d(ul0, ul1, ul2, ur0, ur1, ur2):
    """Roe's flux for the 1-d Euler equations, states u = (rho, rho v, E).

    With the Roe averages u = (sqrt(rho_l) v_l + sqrt(rho_r) v_r) / w and h likewise (w =
    sqrt(rho_l) + sqrt(rho_r)), a^2 = (gamma - 1)(h - u^2 / 2), n = a sqrt(rho_l rho_r)::

        c0 = (d rho - dp / a^2) |u|
        c1 = (dv + dp / n) |u + a|
        c2 = (dv - dp / n) |u|
        c  = sqrt(rho_l rho_r) / (2 a)
        dF = (c0 + c c1 - c c2,
              c0 u + c c1 (u + a) - c c2 (u - a),
              c0 u^2 / 2 + c c1 (h + u a) - c c2 (h - u a))
        phi = (F(u_l) + F(u_r) - dF) / 2
    """
    du0 = ur0 - ul0
    rho = jnp.sqrt(ul0 * ur0)
    w = jnp.sqrt(ul0) + jnp.sqrt(ur0)

    vl = ul1 / ul0
    pl = _pressure_1d(ul0, ul1, ul2)
    hl = _enthalpy(ul0, ul2, pl)

    vr = ur1 / ur0
    pr = _pressure_1d(ur0, ur1, ur2)
    hr = _enthalpy(ur0, ur2, pr)

    dp = pr - pl
    dv = vr - vl

    u = (jnp.sqrt(ul0) * vl + jnp.sqrt(ur0) * vr) / w
    h = (jnp.sqrt(ul0) * hl + jnp.sqrt(ur0) * hr) / w
    q2 = u**2
    a2 = (GAMMA - 1.0) * (h - 0.5 * q2)
    a = jnp.sqrt(a2)

    lp = jnp.abs(u + a)
    l0 = jnp.abs(u)
    ln = jnp.abs(u)

    n = a * rho
    c0 = (du0 - dp / a2) * l0
    c1 = (dv + dp / n) * lp
    c2 = (dv - dp / n) * ln

    fl0, fl1, fl2 = _flux_1d(ul0, ul1, ul2, pl)
    fr0, fr1, fr2 = _flux_1d(ur0, ur1, ur2, pr)
    f0 = fl0 + fr0
    f1 = fl1 + fr1
    f2 = fl2 + fr2

    c = 0.5 * rho / a
    df0 = c0 + c * c1 - c * c2
    df1 = c0 * u + c * c1 * (u + a) - c * c2 * (u - a)
    df2 = c0 * 0.5 * q2 + c * c1 * (h + u * a) - c * c2 * (h - u * a)

    return 0.5 * (f0 - df0), 0.5 * (f1 - df1), 0.5 * (f2 - df2)


def _pressure_3d(u0, u, u4):
    """p = (gamma - 1) (E - |rho v|^2 / (2 rho))."""
    return (GAMMA - 1.0) * (u4 - 0.5 * jnp.sum(u**2) / u0)


def _flux_3d(u0, u, v, u4, p):
    """The x-direction Euler flux: (rho v_x, p e_x + rho v v_x, v_x (p + E))."""
    vx = v[0:1]
    pe = jnp.concatenate([p, jnp.zeros(2, dtype=jnp.float32)])
    return u[0:1], pe + u * v, vx * (p + u4)


def roe_flux_3d(ul0, ul, ul4, ur0, ur, ur4):
    """Roe's x-direction flux for the 3-d Euler equations, with arrays: rho and E of shape
    (1,), the momentum rho v of shape (3,), as AlphaGrad imports it (through ``jax.vmap``
    with a batch of one; here without the batch axis).

    The five waves' strengths c0..c4 with the Roe averages (u, v, w), h and a (see
    :func:`roe_flux_1d`), and phi = (F(u_l) + F(u_r) - dF) / 2 in the x direction.
    """
    du0 = ur0 - ul0
    du = ur - ul
    du1 = du[0:1]
    du2 = du[1:2]
    du3 = du[2:]
    du4 = ur4 - ul4

    vl = ul / ul0
    vr = ur / ur0
    w1 = jnp.sqrt(ul0) + jnp.sqrt(ur0)

    uvw = (jnp.sqrt(ul0) * vl + jnp.sqrt(ur0) * vr) / w1
    u = uvw[0:1]
    v = uvw[1:2]
    w = uvw[2:]

    pl = _pressure_3d(ul0, ul, ul4)
    hl = _enthalpy(ul0, ul4, pl)
    pr = _pressure_3d(ur0, ur, ur4)
    hr = _enthalpy(ur0, ur4, pr)

    h = (jnp.sqrt(ul0) * hl + jnp.sqrt(ur0) * hr) / w1
    q2 = jnp.sum(uvw**2)
    a2 = (GAMMA - 1.0) * (h - 0.5 * q2)
    a = jnp.sqrt(a2)

    lp = u + a
    l0 = u
    lm = u - a

    c3 = ((GAMMA - 1.0) / a2 * ((h - q2) * du0 + jnp.dot(uvw, du) - du4)) * l0
    c2 = (du3 / w - du1) * l0
    c1 = (du2 / v - du0) * l0
    k1 = du0 - c3
    k2 = (du1 - u * du0) / a
    c0 = 0.5 * (k1 - k2) * lm
    c4 = 0.5 * (k1 + k2) * lp

    fl0, fl, fl4 = _flux_3d(ul0, ul, vl, ul4, pl)
    fr0, fr, fr4 = _flux_3d(ur0, ur, vr, ur4, pr)
    f0 = fl0 + fr0
    f = fl + fr
    f4 = fl4 + fr4

    df0 = c0 + c3 + c4 * lp
    df1 = c0 * lm + c3 * u + c4 * lp
    df2 = c0 * v + c1 * v + c3 * v + c4 * v
    df3 = c0 * w + c2 * w + c3 * w + c4 * w
    df4 = c0 * (h - u * a) + c1 * v**2 + c2 * w**2 + c3 * 0.5 * q2 + c4 * (h + u * a)
    df = jnp.concatenate([df1, df2, df3])

    return 0.5 * (f0 - df0), 0.5 * (f - df), 0.5 * (f4 - df4)

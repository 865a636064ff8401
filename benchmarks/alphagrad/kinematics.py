"""The forward kinematics of a 6-degree-of-freedom industrial robot arm, one of AlphaGrad's
benchmark tasks.

Source: the closed-form pose of a six-axis arm with link lengths a1 = 175, a2 = 890,
a3 = 50 and offsets d1 = 575, d4 = 1035, d6 = 185 (mm) from its Denavit-Hartenberg
parameters (the paper Graphax cites, https://dergipark.org.tr/en/download/article-file/2289226),
in the form AlphaGrad (Lohoff and Neftci, NeurIPS 2024) benchmarks it: Graphax's
``examples/differential_kinematics.py`` (github jamielohoff/graphax). The outputs are the
tool's position (px, py, pz) and its Tait-Bryan angles.

The operations are in the order that gives AlphaGrad's jaxpr equation for equation (vertex
elimination counts depend on it): the sines and cosines of t2 + t3 are expanded by the
addition theorems and each expression is recomputed where it is written.
"""

from __future__ import annotations

import jax.numpy as jnp

A1, A2, A3 = 175.0, 890.0, 50.0
D1, D4, D6 = 575.0, 1035.0, 185.0


def _sin_sum(a, b):
    """sin(a + b) = cos a sin b + sin a cos b."""
    return jnp.cos(a) * jnp.sin(b) + jnp.sin(a) * jnp.cos(b)


def _cos_sum(a, b):
    """cos(a + b) = cos a cos b - sin a sin b."""
    return jnp.cos(a) * jnp.cos(b) - jnp.sin(a) * jnp.sin(b)


def robot_arm_6dof(t1, t2, t3, t4, t5, t6):
    """The pose of the arm at joint angles t1..t6: with c_i = cos t_i, s_i = sin t_i and
    c23, s23 those of t2 + t3, the approach vector a, the z components of n and o::

        ax = s5 (c1 c23 c4 + s1 s4) + c1 s23 c5
        ay = s5 (s1 c23 c4 - c1 s4) + s1 s23 c5
        az = s23 c4 s5 - c23 c5
        nz = c6 (c23 s5 + s23 c4 c5) - s23 s4 s6
        oz = -s6 (c23 s5 + s23 c4 c5) - s23 s4 c6

    the angles z = atan2(ay, ax), y = atan2(sqrt(1 - az^2), az), z'' = atan2(oz, -nz), and
    the position::

        px = d6 (s5 (c1 c23 c4 + s1 s4) + c1 s23 c5) + c1 (a1 + a2 c2 + a3 c23 + d4 s23)
        py = d6 (s5 (s1 c23 c4 + c1 s4) + s1 s23 c5) + s1 (a1 + a2 c2 + a3 c23 + d4 s23)
        pz = a2 s2 + d1 + a3 s23 - d4 c23 + d6 (s23 c4 s5 - c23 c5)
    """
    # cosines first, then sines: the jaxpr's equation order, as Graphax's program has it
    c1, c2, c4, c5, c6 = (jnp.cos(t) for t in (t1, t2, t4, t5, t6))
    c23 = _cos_sum(t2, t3)
    s1, s2, s4, s5, s6 = (jnp.sin(t) for t in (t1, t2, t4, t5, t6))
    s23 = _sin_sum(t2, t3)

    ax = s5 * (c1 * c23 * c4 + s1 * s4) + c1 * s23 * c5
    ay = s5 * (s1 * c23 * c4 - c1 * s4) + s1 * s23 * c5
    az = s23 * c4 * s5 - c23 * c5
    nz = c6 * (c23 * s5 + s23 * c4 * c5) - s23 * s4 * s6
    oz = -s6 * (c23 * s5 + s23 * c4 * c5) - s23 * s4 * c6

    z = jnp.arctan2(ay, ax)
    y = jnp.arctan2(jnp.sqrt(1.0 - az**2), az)
    z2 = jnp.arctan2(oz, -nz)

    x1 = D6 * (s5 * (c1 * c23 * c4 + s1 * s4) + c1 * s23 * c5)
    x2 = c1 * (A1 + A2 * c2 + A3 * c23 + D4 * s23)
    px = x1 + x2
    y1 = D6 * (s5 * (s1 * c23 * c4 + c1 * s4) + s1 * s23 * c5)
    y2 = s1 * (A1 + A2 * c2 + A3 * c23 + D4 * s23)
    py = y1 + y2
    pz = A2 * s2 + D1 + A3 * s23 - D4 * c23 + D6 * (s23 * c4 * s5 - c23 * c5)
    return px, py, pz, z, y, z2

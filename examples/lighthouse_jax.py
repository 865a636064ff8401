"""Griewank and Walther's lighthouse in JAX, as the textbook writes it (tan(omega*t) twice).

    pathsum import jax examples/lighthouse_jax.py:lighthouse --at nu=2,gamma=3,omega=0.5,t=0.7

merges the repeated mul and tan (the same primitive on the same operands is one node), so the
graph, and every engine's cost, is graphs/lighthouse.yaml's.
"""

import jax.numpy as jnp


def lighthouse(nu, gamma, omega, t):
    y1 = nu * jnp.tan(omega * t) / (gamma - jnp.tan(omega * t))
    return {"y1": y1, "y2": y1 * gamma}

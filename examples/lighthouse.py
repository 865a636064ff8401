"""Griewank and Walther's lighthouse, as the textbook writes it.

A beam at angle omega*t meets the quay line y = gamma*x at

    y1 = nu * tan(omega*t) / (gamma - tan(omega*t)),    y2 = gamma * y1.

    pathsum trace examples/lighthouse.py:lighthouse --at nu=2,gamma=3,omega=0.5,t=0.7

gives graphs/lighthouse.yaml's graph, computing tan(omega*t) twice (two more nodes); the
JAX import merges the repeated operations (examples/lighthouse_jax.py).
"""

from pathsum import fn


def lighthouse(nu, gamma, omega, t):
    y1 = nu * fn.tan(omega * t) / (gamma - fn.tan(omega * t))
    return {"y1": y1, "y2": y1 * gamma}

"""The human heart dipole of MINPACK-2 (Averick, Carter, Moré and Xue, 1992), one of the
benchmark functions of AlphaGrad (Lohoff and Neftci, 2024): 8 inputs, 8 outputs, the
residuals of the dipole's moment equations.

Plain arithmetic, so both tracers take it:

    pathsum trace examples/heart_dipole.py:dipole --at a=0.3,b=0.2,c=0.1,d=0.4,t=0.5,u=0.6,v=0.7,w=0.8
    pathsum import jax examples/heart_dipole.py:dipole --at a=0.3,b=0.2,c=0.1,d=0.4,t=0.5,u=0.6,v=0.7,w=0.8

The JAX import merges the repeated squares (t**2 and the like), the Python trace keeps each.

These are MINPACK-2's residuals written output by output (t**2 - v**2 twice, the cubic
brackets once per output). Graphax's HumanHeartDipole, whose counts AlphaGrad publishes,
computes each bracket once, takes every sigma as 1 and differs in two signs: imported with
--no-merge it costs 240/172/194 mul (forward/reverse/Markowitz), this function 264/172/226.
"""

#: The measured moments the residuals are taken against.
SIGMA = {"mx": 0.485, "my": -0.0019, "A": -0.0581, "B": 0.015, "C": 0.105, "D": 0.0406,
         "E": 0.167, "F": -0.399}


def dipole(a, b, c, d, t, u, v, w):
    s = SIGMA
    return (
        a + b - s["mx"],
        c + d - s["my"],
        t * a + u * b - v * c - w * d - s["A"],
        v * a + w * b + t * c + u * d - s["B"],
        a * (t**2 - v**2) - 2 * c * t * v + b * (u**2 - w**2) - 2 * d * u * w - s["C"],
        c * (t**2 - v**2) + 2 * a * t * v + d * (u**2 - w**2) + 2 * b * u * w - s["D"],
        a * t * (t**2 - 3 * v**2) + c * v * (v**2 - 3 * t**2)
        + b * u * (u**2 - 3 * w**2) + d * w * (w**2 - 3 * u**2) - s["E"],
        c * t * (t**2 - 3 * v**2) - a * v * (v**2 - 3 * t**2)
        + d * u * (u**2 - 3 * w**2) - b * w * (w**2 - 3 * u**2) - s["F"],
    )

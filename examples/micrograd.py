"""The expression of micrograd's README (Karpathy), written as a function of a and b.

micrograd reports g = 24.7041, dg/da = 138.8338 and dg/db = 645.5773 at a = -4, b = 2:

    pathsum trace examples/micrograd.py:expression --at a=-4,b=2 -o micrograd.yaml
    pathsum analyze micrograd.yaml

graphs/micrograd.yaml is the same expression written by hand.
"""


def expression(a, b):
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    return g

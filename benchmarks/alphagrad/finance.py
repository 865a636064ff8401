"""The Black-Scholes price of a European call, and its Jacobian (the first-order greeks),
AlphaGrad's economics tasks.

Source: F. Black and M. Scholes, *The pricing of options and corporate liabilities*, J.
Polit. Econ. 81 (1973), written through Black's 1976 formula on the forward price F = S
exp(rT), in the form AlphaGrad (Lohoff and Neftci, NeurIPS 2024) benchmarks it: Graphax's
``examples/economics.py`` (github jamielohoff/graphax), the normal distribution function
through ``erf``.

The operations are in the order that gives the published jaxpr equation for equation
(vertex elimination counts depend on it); do not simplify or reorder them.

AlphaGrad's ``BlackScholes_Jacobian`` task is not a function a user writes: it is the
program Graphax's ``jacve(BlackScholes, order="rev")`` generates, the primal equations
each followed by its local partials (Graphax's elemental rules), then the reverse
elimination's products and sums. :func:`black_scholes_jacobian` writes that program out
equation by equation, leaving out what takes no part in any count: its dead equations
(partials no product uses, the price itself, five unused ``broadcast_in_dim``) and its
constant equations (``sqrt(2)``, ``sqrt(pi)``, ``-1``, written as numbers here). Counted on
the resulting graph, forward, reverse and Markowitz elimination spend 513, 453 and 350
multiplications (AlphaGrad's own graph, dead and constant vertices included, reports 545,
572 and 350).
"""

from __future__ import annotations

import math

import jax.numpy as jnp
import jax.scipy.special as jss
from jax import lax

_SQRT2 = math.sqrt(2.0)
_SQRT_PI = math.sqrt(math.pi)


def _phi(z):
    """The standard normal distribution function, (1 + erf(z / sqrt 2)) / 2."""
    return (1.0 + jss.erf(z / jnp.sqrt(2.0))) / 2


def _black76(F, K, r, sigma, T):
    """Black's formula: exp(-rT) (F Phi(d1) - K Phi(d2)), with
    d1 = (log(F/K) + sigma^2 T / 2) / (sigma sqrt T) and d2 = d1 - sigma sqrt T."""
    d1 = (jnp.log(F / K) + (sigma**2) / 2.0 * T) / (sigma * jnp.sqrt(T))
    d2 = d1 - sigma * jnp.sqrt(T)
    return jnp.exp(-r * T) * (F * _phi(d1) - K * _phi(d2))


def black_scholes(S, K, r, sigma, T):
    """The price of a European call on a stock at S, strike K, rate r, volatility sigma and
    time to expiry T."""
    F = jnp.exp(r * T) * S
    return _black76(F, K, r, sigma, T)


def _quotient_partials(a, b):
    """d(a/b)/da and d(a/b)/db, in the order Graphax's program computes them:
    1/b, then -a, b**2 and their quotient."""
    return 1.0 / b, -a / b**2


def _normal_cdf(d):
    """Phi(d) and the derivative of erf at d/sqrt(2), in Graphax's program's order."""
    z = d / _SQRT2
    erf = lax.erf(z)
    derf = 2.0 * jnp.exp(-(z**2)) / _SQRT_PI
    return (1.0 + erf) / 2.0, derf


def black_scholes_jacobian(S, K, r, sigma, T):
    """The gradient of :func:`black_scholes` with respect to (S, K, r, sigma, T), as the
    program of Graphax's reverse-mode vertex elimination computes it (see the module's
    docstring); returns the five partial derivatives (delta, dC/dK, rho, vega, dC/dT)."""
    # the primal, each operation followed by the local partials the elimination uses
    rT = r * T
    growth = jnp.exp(rT)
    F = growth * S
    FK = F / K
    dFK_dF, dFK_dK = _quotient_partials(F, K)
    log_FK = jnp.log(FK)
    dlog = 1.0 / FK
    sig2 = sigma**2
    sig1 = lax.integer_pow(sigma, 1)
    dsig2 = 2.0 * sig1
    half_sig2 = sig2 / 2.0
    drift = half_sig2 * T
    num = log_FK + drift
    sqrt_T = jnp.sqrt(T)
    dsqrt_T = 0.5 / sqrt_T
    den = sigma * sqrt_T
    d1 = num / den
    dd1_dnum, dd1_dden = _quotient_partials(num, den)
    sqrt_T2 = jnp.sqrt(T)
    dsqrt_T2 = 0.5 / sqrt_T2
    den_b = sigma * sqrt_T2
    d2 = d1 - den_b
    neg_r = -r
    neg_rT = neg_r * T
    disc = jnp.exp(neg_rT)
    phi1, derf1 = _normal_cdf(d1)
    F_phi1 = F * phi1
    phi2, derf2 = _normal_cdf(d2)
    K_phi2 = K * phi2
    bracket = F_phi1 - K_phi2
    # the reverse elimination: each adjoint's products, then the sums where paths meet
    a_Fphi1 = disc * 1.0
    a_Kphi2 = disc * -1.0
    a_K1 = a_Kphi2 * phi2
    a_z2 = a_Kphi2 * K * 0.5 * 1.0 * derf2
    a_d2 = a_z2 * (1.0 / _SQRT2)
    a_F1 = a_Fphi1 * phi1
    a_z1 = a_Fphi1 * F * 0.5 * 1.0 * derf1
    a_d1_from_z1 = a_z1 * (1.0 / _SQRT2)
    a_disc = bracket * disc
    a_neg_r = a_disc * T
    a_T1 = a_disc * neg_r
    a_r1 = a_neg_r * -1.0
    a_d1 = a_d2 * 1.0 + a_d1_from_z1
    a_den_b = a_d2 * -1.0
    a_sigma1 = a_den_b * sqrt_T2
    a_T2 = a_den_b * sigma * dsqrt_T2 + a_T1
    a_num = a_d1 * dd1_dnum
    a_den = a_d1 * dd1_dden
    a_sigma2 = a_den * sqrt_T + a_sigma1
    a_T3 = a_den * sigma * dsqrt_T + a_T2
    a_log = a_num * 1.0
    a_drift = a_num * 1.0
    a_half_sig2 = a_drift * T
    a_T4 = a_drift * half_sig2 + a_T3
    a_sigma = a_half_sig2 * 0.5 * dsig2 + a_sigma2
    a_FK = a_log * dlog
    a_F = a_FK * dFK_dF + a_F1
    a_K = a_FK * dFK_dK + a_K1
    a_growth = a_F * S
    a_S = a_F * growth
    a_rT = a_growth * growth
    a_r = a_rT * T + a_r1
    a_T = a_rT * r + a_T4
    return a_S, a_K, a_r, a_sigma, a_T

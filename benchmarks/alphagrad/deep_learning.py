"""AlphaGrad's two neural-network tasks: a small multilayer perceptron's loss and a
two-block transformer encoder's loss, as JAX functions of arrays.

Source: AlphaGrad (Lohoff and Neftci, NeurIPS 2024), §"Deep learning" of its benchmark,
whose definitions are Graphax's ``examples/deep_learning.py`` (github jamielohoff/graphax):
tanh layers with a layer norm and a softmax cross-entropy (the perceptron), and encoder
blocks of single-head attention (Vaswani et al. 2017), a residual connection, a layer norm
and a SiLU layer. The operations are in the order that gives the published jaxpr; the
softmax is ``jax.nn.softmax``, whose jaxpr depends on the JAX version, so these tasks'
counts are pathsum's own (in its scalar model), not comparable one to one with AlphaGrad's.
"""

from __future__ import annotations

import jax.nn as jnn
import jax.numpy as jnp


def _sigmoid(x):
    return 1.0 / (1.0 + jnp.exp(-x))


def _silu(x):
    """SiLU(x) = x sigmoid(x)."""
    return x * _sigmoid(x)


def _softmax_cross_entropy(logits, labels):
    """-sum(labels log softmax(logits)) over the last axis."""
    return -jnp.sum(labels * jnp.log(jnn.softmax(logits, axis=-1)), axis=-1)


def _variance(x, mu, axis=0):
    return jnp.sum((x - mu) ** 2, axis=axis) / x.shape[axis]


def _layer_norm(x, gamma, beta):
    """(x - mean) / sqrt(variance + 1e-6) gamma + beta over the last axis."""
    mu = jnp.mean(x, axis=-1)
    sigma = _variance(x, mu, axis=-1)
    return (x - mu) / jnp.sqrt(sigma + 1e-6) * gamma + beta


def _attention(q, k, v):
    """softmax(q^T k) v, the softmax over the rows' second axis."""
    return jnn.softmax(q.T @ k, axis=1) @ v


def perceptron(x, y, W1, b1, W2, b2, gamma, beta):
    """The MLP task: softmax cross-entropy of tanh(W2 LN(tanh(W1 x + b1)) + b2) against y;
    AlphaGrad's shapes are x, y (4,), W1 (8, 4), b1 (8,), W2 (4, 8), b2 (4,) and scalar
    gamma and beta."""
    out = jnp.tanh(W1 @ x + b1)
    out = _layer_norm(out, gamma, beta)
    out = jnp.tanh(W2 @ out + b2)
    return _softmax_cross_entropy(out, y)


def _encoder_block(x, WQ, WK, WV, W, b, gamma, beta):
    q = WQ @ x
    k = WK @ x
    v = WV @ x
    a = x + _attention(q, k, v)
    c = _layer_norm(a, gamma, beta)
    return _silu(W @ c + b)


def encoder(x, y, WQ1, WQ2, WK1, WK2, WV1, WV2, W1, W2, b1, b2, gamma0, beta0, gamma1, beta1):
    """The transformer encoder task: two encoder blocks, then the softmax cross-entropy
    against y; AlphaGrad's shapes are x (4, 4), y (2, 4), the W's (4, 4) but W2 (2, 4),
    b1 (4,), b2 (2, 1) and scalar gammas and betas."""
    z1 = _encoder_block(x, WQ1, WK1, WV1, W1, b1, gamma0, beta0)
    z2 = _encoder_block(z1, WQ2, WK2, WV2, W2, b2, gamma1, beta1)
    return _softmax_cross_entropy(z2, y)

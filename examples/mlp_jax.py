"""A two-layer perceptron in JAX, its weights and biases as array arguments.

    pathsum import jax examples/mlp_jax.py:mlp \\
        --at 'x=[0.5,-1.0],W1=[[0.1,0.2],[0.3,-0.4],[0.5,0.6]],b1=[0.0,0.1,-0.1]' \\
        --at 'W2=[[0.7,-0.8,0.9]],b2=[0.2]' -o mlp.yaml

Every element is a node: the inputs x_0, x_1, W1_0_0 (W1[0,0]), ..., b2_0 and the output
y_0; each product of a matrix multiplication is a mul node, each sum an add node.
"""

import jax.numpy as jnp


def mlp(x, W1, b1, W2, b2):
    h = jnp.tanh(W1 @ x + b1)
    return W2 @ h + b2

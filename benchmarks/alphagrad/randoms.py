"""AlphaGrad's two random functions, f (of arrays) and g (of 15 scalars).

Source: AlphaGrad (Lohoff and Neftci, NeurIPS 2024) generated these programs at random and
published them as Graphax's ``examples/randoms.py`` (github jamielohoff/graphax); the
programs are their own definition. ``g`` is written here as its table of equations, one
``name = function operands`` per equation in the published order, run by a small
interpreter; ``f`` as code. Either way the jaxpr is the published one equation for
equation (vertex elimination counts depend on the order), so nothing is to be reordered.
"""

from __future__ import annotations

import jax.numpy as jnp
from jax import lax

#: g's equations in the published order, ';' or a new line between two of them. ``ones``
#: takes no operand (a constant 1); every other name is a ``jax.numpy`` function.
G_EQUATIONS = """
    v15 = ones (); v16 = ones (); v17 = arctan2 v15 v3
    v18 = power v15 v14; v19 = arctan2 v13 v17; v20 = power v17 v5
    v21 = subtract v9 v8; v22 = arctan v10; v23 = multiply v21 v0
    v24 = subtract v22 v18; v25 = power v24 v11; v26 = add v21 v12
    v27 = exp v2; v28 = add v21 v26; v29 = power v16 v17
    v30 = sin v3; v31 = divide v2 v23; v32 = arctan2 v24 v26
    v33 = subtract v29 v25; v34 = arctan v33; v35 = multiply v7 v27
    v36 = tan v13; v37 = add v27 v19; v38 = divide v7 v6
    v39 = subtract v25 v34; v40 = subtract v29 v6; v41 = power v35 v4
    v42 = cos v0; v43 = subtract v40 v19; v44 = divide v41 v7
    v45 = subtract v40 v8; v46 = arctan2 v16 v43; v47 = divide v8 v30
    v48 = power v37 v36; v49 = power v47 v44; v50 = arctan2 v45 v40
    v51 = arctan2 v44 v13; v52 = divide v4 v34; v53 = arctan2 v41 v1
    v54 = arctan2 v25 v53; v55 = add v12 v51; v56 = power v3 v48
    v57 = subtract v24 v32; v58 = arctanh v48; v59 = arctanh v54
    v60 = arctan2 v2 v26; v61 = subtract v52 v18; v62 = cos v38
    v63 = divide v8 v32; v64 = arctan2 v42 v46; v65 = sinh v36
    v66 = subtract v61 v50; v67 = power v13 v39; v68 = power v37 v26
    v69 = subtract v68 v43; v70 = log v65; v71 = power v23 v58
    v72 = arctan2 v50 v69; v73 = divide v20 v72; v74 = multiply v41 v56
    v75 = multiply v39 v33; v76 = multiply v61 v15; v77 = power v66 v64
    v78 = arctan2 v53 v25; v79 = subtract v59 v60; v80 = arctan2 v73 v41
    v81 = multiply v74 v46; v82 = square v5; v83 = arctan2 v28 v62
    v84 = arctan2 v39 v9; v85 = multiply v4 v12; v86 = divide v57 v56
    v87 = arctan2 v61 v63; v88 = arcsinh v14; v89 = power v86 v83
    v90 = arcsin v66; v91 = subtract v70 v79; v92 = arctan2 v37 v65
    v93 = multiply v67 v77; v94 = power v87 v55; v95 = square v49
    v96 = divide v92 v94; v97 = add v15 v95; v98 = divide v91 v76
    v99 = arctanh v46; v100 = multiply v75 v45; v101 = divide v100 v28
    v102 = add v90 v29; v103 = arctan2 v80 v84; v104 = subtract v20 v91
    v105 = add v82 v90; v106 = divide v102 v103; v107 = power v75 v42
    v108 = multiply v68 v62; v109 = divide v102 v1; v110 = power v98 v101
    v111 = negative v100; v112 = divide v31 v89; v113 = divide v105 v108
    v114 = subtract v22 v70; v115 = multiply v106 v44; v116 = subtract v107 v81
    v117 = power v58 v115; v118 = subtract v78 v108; v119 = tan v87
    v120 = power v87 v48; v121 = add v105 v38
"""

#: g's outputs, in the published order.
G_OUTPUTS = ("v121", "v71", "v85", "v88", "v93", "v96", "v97", "v99", "v104", "v109", "v110", "v111", "v112", "v113", "v114", "v116", "v117", "v118", "v119", "v120")


def _g_equations() -> list[tuple[str, str, list[str]]]:
    """(result, function, operands) for each of g's equations."""
    parsed = []
    for text in G_EQUATIONS.replace(";", "\n").splitlines():
        if text.strip():
            result, call = (part.split() for part in text.split("="))
            parsed.append((result[0], call[0], call[1:]))
    return parsed


def g(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14):
    """AlphaGrad's random function g: 15 scalar inputs, 107 equations (two of them the
    constants ``ones``), 20 outputs; see :data:`G_EQUATIONS`."""
    env = dict(zip((f"v{i}" for i in range(15)),
                   (v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14),
                   strict=True))
    for result, function, operands in _g_equations():
        if function == "ones":
            env[result] = jnp.ones(())
        else:
            env[result] = getattr(jnp, function)(*(env[name] for name in operands))
    return tuple(env[name] for name in G_OUTPUTS)


def _dot(a, b, contract):
    """``lax.dot_general`` contracting axis contract[0] of a with axis contract[1] of b."""
    return lax.dot_general(a, b, dimension_numbers=(((contract[0],), (contract[1],)), ((), ())))


def f(v0, v1, v2, v4):
    """AlphaGrad's random function f of four arrays: v0 of shape (4,), v1 (2, 3), v2 (4, 4)
    and v4 (4, 1); five array outputs. The published program, equation for equation (the
    reshapes to (1, 1) and (4, 1) included, each where it was written)."""
    v5 = jnp.power(v2, 3)
    v6 = _dot(v4, v5, (0, 0))
    v7 = _dot(v5, v6, (0, 1))
    v8 = jnp.power(v6, 2)
    v9 = _dot(v0, v8, (0, 1))
    v10 = jnp.sqrt(v0)
    v11 = jnp.arccos(v7)
    v12 = jnp.transpose(v1, axes=[0, 1])
    v13 = _dot(v11, v8, (1, 0))
    v14 = jnp.add(v11, v9.reshape([1, 1]))
    v15 = jnp.subtract(v14, v9.reshape([1, 1]))
    v16 = jnp.cos(v9)
    v17 = jnp.add(jnp.reshape(v10, [4, 1]), v13)
    v18 = jnp.arcsinh(v17)
    v16_11 = v16.reshape([1, 1])
    v19 = jnp.add(v15, v16_11)
    v20 = jnp.negative(v12)
    v21 = jnp.sqrt(v10)
    v22 = _dot(v21, v18, (0, 1))
    v23 = jnp.tanh(v12)
    v24 = jnp.arctan(v19)
    v25 = jnp.square(v24)
    v26 = jnp.cos(v22)
    v27 = jnp.subtract(v16_11, v25)
    v28 = jnp.cosh(v23)
    v29 = jnp.sum(v20, axis=0)
    v30 = jnp.transpose(v28, axes=[1, 0])
    v31 = jnp.sum(v16, axis=0)
    v32 = jnp.squeeze(v26)
    v33 = jnp.subtract(jnp.reshape(v29, [3, 1]), v30)
    v34 = jnp.divide(v31, v33)
    v35 = jnp.add(v13, v10.reshape([4, 1]))
    v36 = jnp.multiply(jnp.reshape(v32, [4, 1]), v35)
    v37 = jnp.power(v32, 2)
    v38 = jnp.amax(v34, axis=1)
    v39 = jnp.sinh(v36)
    v40 = jnp.exp(v27)
    v41 = lax.slice(v39, start_indices=[3, 3], limit_indices=[4, 4])
    v42 = jnp.sum(v37, axis=0)
    v43 = jnp.add(v42, v38)
    v44 = _dot(v32, v40, (0, 0))
    v45 = jnp.arcsinh(v43)
    v46 = _dot(v24, v15, (1, 1))
    v47 = lax.stop_gradient(v41)
    v48 = lax.logistic(v45)
    v49 = _dot(v29, v48, (0, 0))
    v50 = _dot(v22, v21, (0, 0))
    v51 = _dot(v44, v47, (0, 1))
    v52 = _dot(v30, v33, (0, 0))
    v53 = jnp.multiply(v46, v50)
    v54 = jnp.sqrt(v37)
    v55 = jnp.sqrt(jnp.abs(v51))
    v56 = jnp.subtract(v52, v49)
    v57 = jnp.cosh(v54)
    v58 = jnp.negative(v37)
    v59 = jnp.add(jnp.reshape(v57, [4, 1]), v53)
    v60 = jnp.square(v57)
    v61 = jnp.sin(v58)
    v62 = jnp.arctan(v59)
    v63 = jnp.sum(v62, axis=0)
    v64 = jnp.amin(v63, axis=0)
    v65 = jnp.subtract(v64, v55)
    v66 = jnp.sqrt(v2)
    v67 = jnp.sum(v56, axis=1)
    v68 = jnp.subtract(jnp.reshape(v61, [4, 1]), v66)
    v69 = _dot(v60, v61, (0, 0))
    v70 = _dot(v68, v62, (0, 0))
    v71 = jnp.add(jnp.reshape(v22, [4, 1]), v2)
    v72 = lax.logistic(v70)
    v73 = _dot(v72, v71, (0, 0))
    v74 = jnp.divide(v6, v37.reshape([1, 4]))
    return v74, v65, v67, v69, v73

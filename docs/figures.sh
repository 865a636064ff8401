#!/usr/bin/env bash
# The README's figures, made by pathsum itself (needs Graphviz). Run from the repository root.
set -euo pipefail
pathsum draw graphs/olah.yaml --wrt b -o docs/olah-forward-b.png
pathsum draw graphs/olah.yaml --of e -o docs/olah-reverse-e.png
pathsum draw graphs/path-explosion.yaml --arith symbolic -o docs/path-explosion.png

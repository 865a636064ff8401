"""Regenerate the command outputs shown in README.md and docs/ by running the commands.

Run from the repository's root after a change of output (`python3 scripts/refresh_doc_examples.py`),
then read the diff. Each example below names the page, the text just before the fenced block
it fills, and the shell command whose output the block shows; trailing spaces are dropped.
The tutorial notebooks are refreshed by executing them (see docs/testing.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: (page, text that ends just before the block's opening fence, command, prefix lines)
EXAMPLES = [
    ("README.md", "engine, and what each engine spent:\n\n",
     "pathsum analyze graphs/olah.yaml", ""),
    ("README.md", "sum over named paths, as the post does:\n\n",
     "pathsum analyze graphs/olah.yaml --explain | sed -n '/^Sums over paths/,$p'", ""),
    ("docs/commands.md", "`--of e` to the reverse sweep from e:\n\n",
     "pathsum analyze graphs/olah.yaml --explain --wrt b --of e | sed -n '/^forward from b/,$p'",
     "$ pathsum analyze graphs/olah.yaml --explain --wrt b --of e\n...\n"),
    ("docs/commands.md", "`pathsum analyze graphs/path-explosion.yaml --arith symbolic --explain`:\n\n",
     ("pathsum analyze graphs/path-explosion.yaml --arith symbolic --explain"
      " | sed -n '/^Sums over paths/,$p'"), ""),
    ("docs/commands.md", "as measured on a shared 2-core machine:\n\n",
     "pathsum compare diamond --sizes 3..30..3", ""),
    ("docs/reference.md", "`pathsum analyze graphs/olah.yaml --format json` prints:\n\n",
     "pathsum analyze graphs/olah.yaml --format json", ""),
]


def output(command: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    done = subprocess.run(command, shell=True, cwd=REPO, env=env, capture_output=True,
                          text=True, check=True)
    return "".join(line.rstrip() + "\n" for line in done.stdout.splitlines())


def refresh(page: str, before: str, command: str, prefix: str) -> None:
    path = REPO / page
    text = path.read_text(encoding="utf-8")
    start = text.index(before) + len(before)
    fence_end = text.index("\n", start) + 1           # after the opening ```lang line
    close = text.index("```\n", fence_end)
    text = text[:fence_end] + prefix + output(command) + text[close:]
    path.write_text(text, encoding="utf-8")


def main() -> int:
    for example in EXAMPLES:
        refresh(*example)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Regenerate the command outputs shown in README.md and docs/ by running the commands.

Run from the repository's root after a change of output
(`python3 scripts/refresh_doc_examples.py`, or with `--steady` only the examples without
timings), then read the diff. Each example below names the page, the text just before the
fenced block it fills, and the shell command whose output the block shows; trailing spaces
are dropped.
The tutorial notebooks are refreshed by executing them (see docs/testing.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: (page, text that ends just before the block's opening fence, command, prefix lines, steady):
#: a steady example prints the same on every run (no timings), and tests/test_docs.py checks
#: that the page still shows what the command prints.
EXAMPLES = [
    ("README.md", "engine, and what each engine spent:\n\n",
     "pathsum analyze graphs/olah.yaml", "", False),
    ("README.md", "sum over named paths, as the post does:\n\n",
     "pathsum analyze graphs/olah.yaml --explain | sed -n '/^Sums over paths/,$p'", "", True),
    ("docs/commands.md", "`--of e` to the reverse sweep from e:\n\n",
     "pathsum analyze graphs/olah.yaml --explain --wrt b --of e | sed -n '/^forward from b/,$p'",
     "$ pathsum analyze graphs/olah.yaml --explain --wrt b --of e\n...\n", True),
    ("docs/commands.md", "`pathsum analyze graphs/path-explosion.yaml --arith symbolic --explain`:\n\n",
     ("pathsum analyze graphs/path-explosion.yaml --arith symbolic --explain"
      " | sed -n '/^Sums over paths/,$p'"), "", True),
    ("docs/commands.md", "as measured on a shared 2-core machine:\n\n",
     "pathsum compare diamond --sizes 3..30..3", "", False),
    ("docs/reference.md", "`pathsum analyze graphs/olah.yaml --format json` prints:\n\n",
     "pathsum analyze graphs/olah.yaml --format json", "", False),
]


def output(command: str, env: dict[str, str] | None = None) -> str:
    """What ``command`` prints on stdout, run from the repository's root, without trailing
    spaces."""
    env = {k: v for k, v in (env or os.environ).items() if k not in ("COLUMNS", "FORCE_COLOR")}
    done = subprocess.run(command, shell=True, cwd=REPO, env=env, capture_output=True,
                          text=True, check=True)
    return "".join(line.rstrip() + "\n" for line in done.stdout.splitlines())


def block(text: str, before: str) -> tuple[int, int]:
    """Where the fenced block right after ``before`` holds its lines: (start, end)."""
    start = text.index(before) + len(before)
    fence_end = text.index("\n", start) + 1           # after the opening ```lang line
    return fence_end, text.index("```\n", fence_end)


def shown(page: str, before: str) -> str:
    """The lines the page shows in the block after ``before``."""
    text = (REPO / page).read_text(encoding="utf-8")
    start, end = block(text, before)
    return text[start:end]


def refresh(page: str, before: str, command: str, prefix: str, steady: bool) -> None:
    path = REPO / page
    text = path.read_text(encoding="utf-8")
    start, end = block(text, before)
    path.write_text(text[:start] + prefix + output(command) + text[end:], encoding="utf-8")


def main(argv: list[str]) -> int:
    """Refresh every example, or with ``--steady`` only those without timings."""
    for example in EXAMPLES:
        if example[4] or "--steady" not in argv:
            refresh(*example)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

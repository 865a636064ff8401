"""A drawing in the format asked for: DOT text as it is; SVG and PNG through Graphviz's
``dot``, laid out twice so that the caption wraps at the drawing's width and never widens
it; SVG with each edge's parts in one group."""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import signal
import subprocess

from ..analysis import Analysis
from ..errors import PathsumError, UsageError
from .dot import Marks, caption, quote, to_dot

__all__ = ["dot_timeout", "drawing", "grouped_edges", "measured", "render", "require_dot"]

#: Points of slack between the caption's measured words and the drawing's edge.
_SLACK = 20.0


def require_dot(what: str) -> str:
    """The path of ``dot``, or a one-line :class:`UsageError` saying how to install it."""
    found = shutil.which("dot")
    if found is None:
        raise UsageError(f"drawing {what} needs Graphviz's dot program, which is not installed "
                         "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install "
                         "graphviz); .dot works without it")
    return found


def dot_timeout() -> float:
    """The seconds ``dot`` may run: ``PATHSUM_DOT_TIMEOUT`` (a positive number) or 60."""
    raw = os.environ.get("PATHSUM_DOT_TIMEOUT")
    if raw is None or not raw.strip():
        return 60.0
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise UsageError(f"PATHSUM_DOT_TIMEOUT={raw[:40]!r} is not a positive number of "
                         "seconds")
    return seconds


def render(dot_text: str, fmt: str) -> bytes:
    """DOT text laid out as ``svg`` or ``png`` bytes (or ``plain``); ``dot`` is killed, with
    whatever it started, however this ends."""
    program = require_dot(f".{fmt}")
    seconds = dot_timeout()
    # A session of its own: dot and anything it starts are one process group to kill.
    with subprocess.Popen([program, f"-T{fmt}"], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True) as process:
        try:
            out, err = process.communicate(dot_text.encode("utf-8"), timeout=seconds)
        except subprocess.TimeoutExpired:
            raise PathsumError(f"Graphviz dot did not finish in {seconds:g} s and was stopped "
                               "(PATHSUM_DOT_TIMEOUT gives it longer; a .dot file is written "
                               "without Graphviz)") from None
        finally:
            if process.returncode is None:  # not reaped: its id is still its group's
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
    if process.returncode != 0:
        said = err.decode("utf-8", "replace").strip().splitlines()
        raise PathsumError(f"Graphviz dot failed: {said[0] if said else process.returncode}")
    return out


def drawing(analysis: Analysis, found: Marks | None, kind: str, digits: int = 4) -> bytes:
    """The drawing as ``dot`` text, or ``svg`` or ``png`` bytes made by Graphviz."""
    g = analysis.graph
    if kind == "dot":
        return to_dot(analysis, found, digits=digits).encode("utf-8")
    words = f"{g.name} {g.description or ''}".split()
    width, widths = measured(to_dot(analysis, found, digits=digits, title=""), words)
    title = caption(g.name, g.description, max(width - _SLACK, 0.0), widths.__getitem__)
    data = render(to_dot(analysis, found, digits=digits, title=title), kind)
    return grouped_edges(data.decode("utf-8")).encode("utf-8") if kind == "svg" else data


def measured(dot_text: str, words: list[str]) -> tuple[float, dict[str, float]]:
    """The width in points of the drawing, and of each word (and a space) in the caption's
    font, from one run of Graphviz."""
    probes = [*dict.fromkeys(words), "a a", "aa"]
    nodes = "".join(f"  w{i} [label={quote(word)}];\n" for i, word in enumerate(probes))
    probe = ('digraph W {\n  node [shape=plaintext, margin=0, width=0, height=0, '
             f'fontname="Helvetica", fontsize=12];\n{nodes}}}\n')
    plain = render(dot_text + probe, "plain").decode("utf-8")
    width = 72.0 * float(plain.split("\n", 1)[0].split()[2])
    found = {}
    for line in plain[plain.index("stop"):].splitlines():
        if line.startswith("node w"):
            found[int(line.split()[1][1:])] = 72.0 * float(line.split()[4])
    widths = {word: found[i] for i, word in enumerate(probes)}
    widths[" "] = widths.pop("a a") - widths.pop("aa")
    return width, widths


_PART = re.compile(r'<g id="(edge|label)(?:-|&#45;)(\d+)(?:-|&#45;)?(tail)?" class="[^"]*">\n'
                   r"<title>([^<]*)</title>\n(.*?)</g>\n", re.DOTALL)


def grouped_edges(svg: str) -> str:
    """Graphviz's SVG with each edge's three parts (see :func:`~.dot.to_dot`) in one
    ``<g id="edge-E" class="edge">`` titled ``nU->nV``: one group per edge of the graph."""
    parts: dict[tuple[str, str], tuple[str, str]] = {}
    for m in _PART.finditer(svg):
        parts[(m[2], m[3] or m[1])] = (m[4], m[5])

    def joined(m: re.Match[str]) -> str:
        e, part = m[2], m[3] or m[1]
        if any((e, other) not in parts for other in ("edge", "tail", "label")):
            return m[0]
        if part != "edge":
            return ""  # moved into the edge's group
        (tail_title, tail), (_, label) = parts[(e, "tail")], parts[(e, "label")]
        title = tail_title.rsplit("&gt;", 1)[0] + "&gt;" + m[4].rsplit("&gt;", 1)[1]
        return f'<g id="edge-{e}" class="edge">\n<title>{title}</title>\n{tail}{label}{m[5]}</g>\n'

    return _PART.sub(joined, svg)

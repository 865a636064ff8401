"""``pathsum generate`` and ``pathsum compare``, and the family options (``--width``, ...)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import click

from ..errors import UsageError
from ..families import FAMILIES, Family, Param, find_family, generate
from ..files import missing_reason
from ..printable import printable
from ..reports.formats import FORMATS, emit
from ..yamlwrite import to_yaml
from . import options as opts

__all__ = ["compare_command", "family_options", "family_request", "generate_command",
           "option_help"]

#: The order ``--help`` has always listed the family options in; a new family's come after.
_LISTED = ("width", "widths", "m", "degree", "inputs", "outputs", "seed")
_CLICK_TYPES: dict[str, Any] = {"int": int, "float": float, "ints": str}
Takers = list[tuple[Family, Param]]

def _options(ranged: bool) -> dict[str, Takers]:
    """Option name -> the families that take it (``ranged``: none that replaces the size)."""
    takers: dict[str, Takers] = {}
    for family in FAMILIES.values():
        for param in family.params:
            if param.name != family.size:
                takers.setdefault(param.name, []).append((family, param))
    listed = {name: i for i, name in enumerate(_LISTED)}
    return {name: found for name, found in sorted(
                takers.items(), key=lambda item: listed.get(item[0], len(listed)))
            if not (ranged and all(param.replaces_size for _, param in found))}

def _default(shown: str | None, groups: int = 1) -> str:
    if shown is None:
        return ""
    said = f" {shown}" if shown[:1].isdigit() else f": {shown}"
    return f" (default{said}{'' if groups == 1 else ' for both' if groups == 2 else ' for all'})"

def option_help(takers: Takers) -> str:
    """An option's help; families that take the parameter alike are named together."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for family, param in takers:
        groups.setdefault((param.help, param.shown_default), []).append(family.name)
    defaults = {shown for _, shown in groups}
    shared = len(defaults) == 1
    text = "; ".join(f"{', '.join(names)}: {help_}" + ("" if shared else _default(shown))
                     for (help_, shown), names in groups.items())
    return text + (_default(defaults.pop(), len(groups)) if shared else "") + "."

def family_options(*, ranged: bool = False) -> Callable[[Callable[..., Any]], Any]:
    """A decorator adding the family parameter options (``--width``, ``--seed``, ...)."""

    def decorate(command: Callable[..., Any]) -> Any:
        for name, takers in reversed(_options(ranged).items()):
            kind = takers[0][1].kind
            command = click.option(f"--{name}", name, type=_CLICK_TYPES[kind], default=None,
                                   help=option_help(takers),
                                   metavar="N,N,..." if kind == "ints" else None)(command)
        return command
    return decorate

def family_request(family_name: str, given: dict[str, Any], *,
                   ranged: bool = False) -> tuple[Family, dict[str, Any], int]:
    """The family, its generator's parameters and the seed, from the options given."""
    family = find_family(family_name)
    params: dict[str, Any] = {}
    seed = 0
    for name in [name for name in _options(ranged) if given.get(name) is not None]:
        value, param = given[name], family.param(name)
        if param is None:
            takes = ["--sizes" if ranged else "--size",
                     *(f"--{n}" for n in _options(ranged) if family.param(n) is not None)]
            raise UsageError(f"--{name} does not apply to family '{family.name}' "
                             f"(it takes {', '.join(takes)})")
        if name == "seed":
            seed = value
        elif param.kind == "ints":
            try:
                params[name] = [int(p.strip()) for p in value.split(",")]
            except ValueError:
                raise UsageError(f"--{name}: '{value}' is not a comma-separated list of whole "
                                 "numbers (e.g. 4,8,8,1)") from None
        else:
            params[name] = value
    return family, params, seed

_GENERATE_HELP = "\n".join([
    "Write a member of a graph family as pathsum YAML (to stdout, or -o FILE).", "",
    ("Every family is deterministic for a given --seed, and loads back with pathsum analyze. "
     "--size sets the family's size (in brackets below)."), "", "\b",
    *(f"  {f.name:<14} [{f.size}] {f.summary}" for f in FAMILIES.values()), "", "\b",
    "Examples:",
    "  pathsum generate diamond --size 10 -o diamond10.yaml",
    "  pathsum generate lattice --size 4 --m 6",
    "  pathsum generate mlp --widths 4,8,8,1 --seed 1",
    "  pathsum generate random --size 200 --degree 3 --seed 7 | pathsum analyze /dev/stdin"])
#: Each size parameter once, named by the first family that has it.
_SIZES: dict[Param, str] = {}
for _family in FAMILIES.values():
    _SIZES.setdefault(_family.params[0], f"{_family.name} {_family.size}")

@click.command("generate", help=_GENERATE_HELP)
@click.argument("family_name", metavar="FAMILY")
@click.option("--size", type=int, default=None,
              help=f"The family's size: {', '.join(_SIZES.values())}.")
@family_options()
@opts.output_option
def generate_command(family_name: str, size: int | None, output: str | None,
                     **given: Any) -> None:
    _, params, seed = family_request(family_name, given)
    opts.check_output(output, "-o")
    opts.write_text(to_yaml(generate(family_name, size, seed=seed, **params)), output)

@click.command("compare")
@click.argument("targets", nargs=-1, metavar="FAMILY | FILE...")
@click.option("--sizes", metavar="RANGE", default=None,
              help="Family sizes: 1..20, 1..20..2 (a step) or 1,2,5. Default: the family's own "
                   "range (diamond 1..20).")
@family_options(ranged=True)  # --sizes sets the size, so no --widths
@opts.engine_option
@opts.max_paths_option
@opts.arith_option
@opts.budget_option
@opts.format_option(*FORMATS["comparison"])
@click.option("--plot", "plot_file", metavar="FILE.png|FILE.svg", default=None,
              type=opts.OUTPUT_FILE,
              help="Also draw paths and each engine's mul+add against size, log scale; written "
                   "atomically, as -o is in pathsum batch --help.")
def compare_command(targets: tuple[str, ...], sizes: str | None, engines: tuple[str, ...],
                    max_paths: int, arith: str, budget: float | None, fmt: str,
                    plot_file: str | None, **given: Any) -> None:
    """Compare how paths and each engine's operations grow: a family over sizes, or files.

    One row per graph: nodes, edges, exact paths, then each engine's mul, add and time, and
    the path engine's operations over the reverse sweeps'. Above --max-paths the path engine
    is not run: its counts are derived exactly (marked *) and its time is estimated from the
    enumeration rate measured on the smaller graphs (marked ≈). Every row is timed as
    analyze times it: the routes' imports and shared arrays are prepared before the clocks
    start, so that no row's time includes an import or another engine's setup.

    The first argument is a family (see pathsum generate --help) or a graph file; to compare
    a file named like a family, write ./diamond. Exits 1 if the engines disagree on a graph.

    \b
    Examples:
      pathsum compare diamond --sizes 1..30 --plot blowup.png
      pathsum compare lattice --sizes 2..12 --format csv
      pathsum compare mlp --sizes 0..8 --width 4 --seed 1 --format json
      pathsum compare graphs/olah.yaml graphs/path-explosion.yaml
    """
    from ..comparison import compare_family, compare_files
    chosen = opts.parse_engines(engines)
    options = opts.search_options(chosen, budget)
    family = _family_target(targets)
    if plot_file is not None:
        from ..reports.plot import plot_comparison, plot_format, require_matplotlib
        plot_format(plot_file)
        opts.check_output(plot_file, "--plot", targets)
        require_matplotlib()
    if family is not None:
        fam, params, seed = family_request(family, given, ranged=True)
        size_list = opts.parse_sizes(sizes if sizes is not None else fam.default_sizes)
        with opts.progress(f"compare {family}", len(size_list)) as advance:
            comparison = compare_family(family, size_list, params=params, seed=seed,
                                        engines=chosen, max_paths=max_paths, arith=arith,
                                        options=options, on_row=lambda _row: advance(1))
    else:
        for option, value in {"sizes": sizes, **given}.items():
            if value is not None:
                raise UsageError(f"--{option} goes with a FAMILY; files are compared as they are")
        with opts.progress("compare", len(targets)) as advance:
            comparison = compare_files(targets, engines=chosen, max_paths=max_paths,
                                       arith=arith, options=options,
                                       on_row=lambda _row: advance(1))
    emit(comparison, fmt)
    if plot_file is not None:
        plot_comparison(comparison, plot_file)
        click.echo(f"Wrote the plot to {printable(plot_file)}", err=True)
    if not comparison.agree:
        sys.exit(1)

def _family_target(targets: tuple[str, ...]) -> str | None:
    """The family to compare, or None for files; a mix is refused, before any work."""
    if not targets:
        raise UsageError(f"compare needs a FAMILY ({', '.join(FAMILIES)}) or graph FILEs")
    families = [t for t in targets if t in FAMILIES]
    if families and len(targets) > 1:
        raise UsageError("compare takes one FAMILY or a list of FILEs, not both "
                         f"(got {', '.join(targets)}); to compare a file named like a family, "
                         f"write ./{families[0]}")
    if families:
        return families[0]
    for target in targets:
        if not os.path.exists(target):
            raise UsageError(f"'{target}': {missing_reason(target)}" if os.path.lexists(target)
                             else f"'{target}' is neither a family ({', '.join(FAMILIES)}) nor "
                             "an existing file")
    return None

"""The HTML page of ``pathsum draw -o FILE.html`` in a real headless Chromium: click, type
and step, then read what the page shows. Nothing here waits on the clock: every action
waits (WebDriverWait) for the page's render counter to move."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import GRAPHS, ROOT, run_cli
from test_draw import HOSTILE

from pathsum import analyze, load
from pathsum.display import rounded
from pathsum.drawing import marks
from pathsum.drawing.dot import sweep_note
from pathsum.drawing.page_data import page_data, sweep_steps
from pathsum.engines.sweeps import Direction
from pathsum.explain import EXPLAIN_LIMIT, named_paths
from pathsum.pathnames import PathNames

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# CI installs all three (.ci/run): there a missing one fails instead of skipping.
pytestmark = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER) and shutil.which("dot"))
    and not os.environ.get("CI"),
    reason="needs chromium, chromedriver and Graphviz (Debian packages; .ci/run installs them)")

# Everything the page shows, read in one call: each node's notes, the lit, read, seed and
# current elements, the selected entry and term, the headings and the render counter.
SEEN = """
const ids = sel => [...document.querySelectorAll(sel)].map(el => el.id);
const notes = {};
document.querySelectorAll("g.node").forEach(g => {
  const lines = [...g.querySelectorAll("text.sweep")].map(t => t.textContent).filter(t => t);
  if (lines.length) notes[g.id.slice(5)] = lines;
});
return {notes: notes, hl: ids(".edge.hl"), read: ids(".edge.read"), seeds: ids(".node.seed"),
        current: ids(".node.current"), on: ids("#jacobian td.on"), term: ids("#terms .on"),
        title: document.getElementById("sweep-title").textContent,
        renders: Number(document.body.dataset.renders)};
"""


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="pathsum-chromium-")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    # The Debian driver, named explicitly: selenium never downloads one.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def make_page(out: Path, graph: str, *args: str) -> str:
    result = run_cli("draw", graph, "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def load_page(browser, out: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(out.as_uri())
    WebDriverWait(browser, 60).until(lambda d: d.execute_script(SEEN)["renders"] == 1)


def open_page(browser, tmp_path, graph: str, *args: str) -> str:
    out = tmp_path / "page.html"
    text = make_page(out, graph, *args)
    load_page(browser, out)
    return text


def seen(browser) -> dict[str, Any]:
    return browser.execute_script(SEEN)


def acted(browser, action) -> dict[str, Any]:
    """Do ``action``, wait until the page has rendered once more, and return what it shows."""
    from selenium.webdriver.support.ui import WebDriverWait

    before = seen(browser)["renders"]
    action()
    WebDriverWait(browser, 60).until(lambda d: seen(d)["renders"] > before)
    now = seen(browser)
    assert now["renders"] == before + 1
    return now


def shape(browser, v: int):
    """Node ``v``'s outline, the outer one of an output's two (a box is a path)."""
    return browser.find_elements("css selector", f"#node-{v} > :is(ellipse, polygon, path)")[-1]


def click(browser, element_id: str) -> dict[str, Any]:
    element = (shape(browser, int(element_id[5:])) if element_id.startswith("node-")
               else browser.find_element("id", element_id))
    return acted(browser, element.click)


def press(browser, key: str) -> dict[str, Any]:
    from selenium.webdriver.common.action_chains import ActionChains

    return acted(browser, lambda: ActionChains(browser).send_keys(key).perform())


def notes_of(shown: dict[str, Any]) -> dict[int, list[str]]:
    return {int(v): lines for v, lines in shown["notes"].items()}


def edges_of(ids: list[str]) -> set[int]:
    return {int(i.removeprefix("edge-")) for i in ids}


def analysed(graph: str, **options: Any):
    return analyze(load(graph, **options), ["forward", "reverse"], per_node=True)


def reached_edges(analysis, direction: Direction, seed: int, v: int) -> set[int]:
    """The oracle for a step: the edges node v reads are those joining it to the seed or to
    an active node the seed reaches (networkx, not the page's code)."""
    g, cg = nx.DiGraph(), analysis.compiled
    g.add_nodes_from(range(cg.n_nodes))
    g.add_edges_from(zip(cg.src, cg.dst, strict=True))
    forward = direction is Direction.FORWARD
    near = (nx.descendants if forward else nx.ancestors)(g, seed)
    sent = {u for u in near if cg.active[u]} | {seed}
    own = cg.in_edges[v] if forward else cg.out_edges[v]
    return {e for e in own if (cg.src[e] if forward else cg.dst[e]) in sent}


def test_clicking_b_shows_its_forward_sweep_on_every_node(browser, tmp_path):
    text = open_page(browser, tmp_path, str(GRAPHS / "olah.yaml"))
    # One self-contained page: nothing to fetch.
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", text)
    assert "url(" not in text and "@import" not in text
    shown = click(browser, "node-1")  # b
    assert notes_of(shown) == {0: ["da/db = 0"], 1: ["db/db = 1"], 2: ["dc/db = 1"],
                               3: ["dd/db = 1"], 4: ["de/db = 5"]}
    assert shown["title"] == "forward from b" and shown["seeds"] == ["node-1"]
    shown = click(browser, "node-4")  # e: the reverse sweep replaces it
    assert notes_of(shown) == {0: ["de/da = 2"], 1: ["de/db = 5"], 2: ["de/dc = 2"],
                               3: ["de/dd = 3"], 4: ["de/de = 1"]}
    assert shown["title"] == "reverse from e" and shown["seeds"] == ["node-4"]


def test_an_entry_after_a_sweep_shows_no_note_of_the_sweep(browser, tmp_path):
    open_page(browser, tmp_path, str(GRAPHS / "olah.yaml"))
    click(browser, "node-0")  # forward from a
    shown = click(browser, "entry-1")  # de/db
    assert shown["notes"] == {} and shown["seeds"] == []
    assert edges_of(shown["hl"]) == {1, 2, 3, 4}  # every edge but a -> c
    assert shown["on"] == ["entry-1"] and shown["title"] == "de/db = 5"
    shown = click(browser, "entry-0")  # de/da: one path
    assert edges_of(shown["hl"]) == {0, 3} and shown["on"] == ["entry-0"]


def test_the_first_selection_is_replaced_like_any_other(browser, tmp_path):
    open_page(browser, tmp_path, str(GRAPHS / "olah.yaml"), "--wrt", "b", "--path", "b,d,e")
    first = seen(browser)
    assert notes_of(first)[0] == ["da/db = 0"] and edges_of(first["hl"]) == {2, 4}
    assert first["seeds"] == ["node-1"] and first["title"] == "forward from b; path b→d→e"
    shown = click(browser, "node-4")  # another sweep: node a keeps nothing of --wrt b
    assert notes_of(shown)[0] == ["de/da = 2"] and shown["hl"] == []
    assert shown["seeds"] == ["node-4"]
    open_page(browser, tmp_path, str(GRAPHS / "olah.yaml"), "--path", "b,d,e")
    shown = click(browser, "entry-0")  # de/da: b -> d -> e goes dark
    assert edges_of(shown["hl"]) == {0, 3}


@pytest.mark.parametrize("v", [0, 4])  # an input's box, an output's double ellipse
def test_the_whole_node_shape_is_clickable(browser, tmp_path, v):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    open_page(browser, tmp_path, str(GRAPHS / "olah.yaml"))
    # A point inside the shape, left of its text: the shape itself must take the click.
    x, y = browser.execute_script("""
        arguments[0].scrollIntoView({block: "center"});
        const box = arguments[0].getBoundingClientRect();
        return [box.left + box.width * 0.12, box.top + box.height / 2];""", shape(browser, v))
    hit = browser.execute_script("return document.elementFromPoint(arguments[0], arguments[1])"
                                 ".tagName", x, y)
    assert hit in ("ellipse", "path")

    def click_there():
        actions = ActionBuilder(browser)
        actions.pointer_action.move_to_location(int(x), int(y)).click()
        actions.perform()
        ActionChains(browser).reset_actions()

    shown = acted(browser, click_there)
    assert shown["seeds"] == [f"node-{v}"]


def test_an_entry_shows_both_sides_and_each_term_lights_one_path(browser, tmp_path):
    graph = str(GRAPHS / "path-explosion.yaml")
    open_page(browser, tmp_path, graph)
    shown = click(browser, "entry-0")
    assert len(edges_of(shown["hl"])) == 6

    def text(element_id: str) -> str:
        return browser.find_element("id", element_id).text

    assert text("path-cost") == "path engine: 9 terms, one per path: 9 mul, 8 add"
    sweeps = browser.find_element("id", "sweep-costs").text.splitlines()
    assert [line.split(":")[1].split(",")[:2] for line in sweeps] == [[" 3 mul", " 4 add"]] * 2
    assert text("sweep-value") == "forward and reverse: dZ/dX = 90"
    terms = named_paths(analysed(graph), 0, 2)
    labels = [b.text for b in browser.find_elements("css selector", "#terms button")]
    assert len(set(labels)) == len(labels) == len(terms) == 9  # nine paths, nine names
    for i, term in enumerate(terms):
        shown = click(browser, f"term-{i}")
        assert edges_of(shown["hl"]) == set(term.edges) and len(term.edges) == 2
        assert shown["term"] == [f"term-{i}"] and shown["on"] == ["entry-0"]
        said = f"[{term.name}] {term.term} = {rounded(term.value, 4)}"
        assert text(f"term-{i}") == labels[i] == said


STEPPED = ["olah.yaml", "path-explosion.yaml", "micrograd.yaml", "activity.yaml"]


@pytest.mark.parametrize("name", STEPPED)
def test_next_walks_each_sweep_with_the_engines_values(browser, tmp_path, name):
    graph = str(GRAPHS / name)
    open_page(browser, tmp_path, graph)
    analysis = analysed(graph)
    cg, names = analysis.compiled, analysis.compiled.names
    namer = PathNames(cg)  # the step's edges by name: Y -δ→ Z where edges run in parallel
    for direction, kept in ((Direction.FORWARD, analysis.tangents()),
                            (Direction.REVERSE, analysis.adjoints())):
        for seed in direction.seeds(cg):
            values = kept[names[seed]]
            click(browser, f"node-{seed}")
            visited: dict[int, list[str]] = {}
            while True:
                shown = click(browser, "next")
                (v,) = [int(i[5:]) for i in shown["current"]]
                note = sweep_note(direction.value, names[seed], names[v], values[names[v]])
                visited[v] = [note]
                assert notes_of(shown) == visited  # only the nodes swept so far
                read = edges_of(shown["read"])
                assert read == (set() if v == seed else reached_edges(analysis, direction,
                                                                      seed, v))
                rows = [[c.text for c in r.find_elements("tag name", "td")]
                        for r in browser.find_elements("css selector", "#step-terms tr")[1:]]
                assert [row[0] for row in rows] == [namer.name([e]) for e in sorted(read)]
                if rows:  # the running sum ends on the engine's value of the node
                    assert rows[-1][-1] == rounded(values[names[v]], 4)
                if not browser.find_element("id", "next").is_enabled():
                    break
            # Every node the sweep reaches was visited; the others stay 0.
            assert all(values[names[u]] == 0 for u in range(cg.n_nodes) if u not in visited)
            if len(visited) > 1:  # Previous takes the last node back
                shown = click(browser, "prev")
                assert len(shown["notes"]) == len(visited) - 1


def test_the_steps_add_up_to_what_the_engines_count():
    for graph in sorted(GRAPHS.glob("*.yaml")):
        analysis = analysed(str(graph))
        data = page_data(analysis)
        for direction in Direction:
            result = analysis.results[direction.value]
            sweeps = data["sweeps"][direction.value].values()
            assert sum(s["mul"] for s in sweeps) == result.mul, graph
            assert sum(s["add"] for s in sweeps) == result.add, graph
            for seed, sweep in data["sweeps"][direction.value].items():
                values = result.per_node[int(seed)]
                for step in sweep["steps"]:
                    assert step["value"] == rounded(values[step["node"]], 4)
                    if step["terms"]:
                        assert step["terms"][-1]["sum"] == step["value"], (graph, step)


def test_a_step_writes_its_sum_as_the_post_does():
    analysis = analysed(str(GRAPHS / "path-explosion.yaml"), arith="symbolic")
    kept = analysis.results["forward"].per_node[0]
    z = sweep_steps(analysis, Direction.FORWARD, 0, kept)[-1]
    assert z["said"] == ("Z reads its in-edges from Y, Y, Y: dZ/dX = δ×(α + β + γ) + "
                         "ε×(α + β + γ) + ζ×(α + β + γ) = (α + β + γ)*(δ + ε + ζ) "
                         "(3 mul, 2 add)")


def test_the_keyboard_selects_and_steps(browser, tmp_path):
    from selenium.webdriver.common.keys import Keys

    open_page(browser, tmp_path, str(GRAPHS / "olah.yaml"))
    focused = []
    for _ in range(12):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        focused.append(browser.switch_to.active_element.get_attribute("id"))
    for element in ("node-0", "node-1", "node-4", "entry-0", "entry-1"):
        assert element in focused
    while browser.switch_to.active_element.get_attribute("id") != "node-1":  # Tab back to b
        browser.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
        assert browser.switch_to.active_element.get_attribute("id") in focused
    shown = press(browser, Keys.ENTER)
    assert shown["title"] == "forward from b" and len(shown["notes"]) == 5
    shown = press(browser, Keys.ARROW_RIGHT)
    assert shown["current"] == ["node-1"] and notes_of(shown) == {1: ["db/db = 1"]}
    shown = press(browser, Keys.ARROW_RIGHT)
    assert shown["current"] == ["node-2"] and edges_of(shown["read"]) == {1}
    shown = press(browser, Keys.ARROW_LEFT)
    assert shown["current"] == ["node-1"]
    shown = press(browser, Keys.ESCAPE)
    assert shown["notes"] == {} and shown["seeds"] == [] and shown["title"] == \
        "Nothing selected"
    browser.execute_script("document.getElementById('entry-1').focus()")
    shown = press(browser, Keys.ENTER)
    assert shown["on"] == ["entry-1"] and edges_of(shown["hl"]) == {1, 2, 3, 4}
    shown = press(browser, Keys.ARROW_DOWN)  # the first term: one path
    assert shown["term"] == ["term-0"] and edges_of(shown["hl"]) == {1, 3}


def test_hostile_names_cannot_break_the_page(browser, tmp_path, write):
    open_page(browser, tmp_path, write(HOSTILE))
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.find_element("tag name", "h1").text == \
        '</script><script>window.pwned = 1</script>"\\'
    shown = click(browser, "node-0")  # the input named "node"
    assert shown["title"] == "forward from node"
    assert notes_of(shown)[5] == ["dσ/dnode = 1.5"]  # 3 * 1 / 2


def test_the_wheel_carries_the_pages_template_script_and_style():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    shipped = set(declared["package-data"]["pathsum.drawing"])
    needed = {p.name for p in (ROOT / "pathsum" / "drawing").iterdir()
              if p.suffix in (".html", ".js", ".css")}
    assert needed and needed <= shipped


# The property: after any sequence of clicks and keys, the page shows exactly what the last
# selection shows, computed here from the engines (not from the page's script).


@dataclass
class Model:
    """What the page should show, from the analysis: the selection and how it changes."""

    analysis: Any
    wrt: list[str]
    of: list[str]
    path: list[str]
    state: tuple = ("initial",)
    steps: dict = field(default_factory=dict)

    def sweep(self, direction: Direction, seed: int) -> list[dict[str, Any]]:
        key = (direction, seed)
        if key not in self.steps:
            kept = self.analysis.results[direction.value].per_node[seed]
            self.steps[key] = sweep_steps(self.analysis, direction, seed, kept)
        return self.steps[key]

    def paths(self, k: int) -> list[list[int]]:
        cg = self.analysis.compiled
        y, x = divmod(k, len(cg.inputs))
        return [p.edges for p in named_paths(self.analysis, cg.inputs[x], cg.outputs[y])]

    def terms(self, k: int) -> list[list[int]]:
        """The paths the page lists as terms: all, up to explain's limit."""
        paths = self.paths(k)
        return paths if len(paths) <= EXPLAIN_LIMIT else []

    def stepper(self) -> tuple[int | None, int] | None:
        if self.state[0] == "sweep":
            return self.state[3], len(self.sweep(self.state[1], self.state[2]))
        if self.state[0] == "entry" and self.terms(self.state[1]):
            return self.state[2], len(self.terms(self.state[1]))
        return None

    def step(self, delta: int) -> None:
        at, of = self.stepper()  # type: ignore[misc]
        to = (0 if delta > 0 else of - 1) if at is None else min(of - 1, max(0, at + delta))
        self.state = (*self.state[:-1], to)

    def expected(self) -> dict[str, Any]:
        cg, a = self.analysis.compiled, self.analysis
        names = cg.names
        want: dict[str, Any] = {"notes": {}, "hl": set(), "read": set(), "seeds": set(),
                                "current": [], "on": [], "term": []}
        kind = self.state[0]
        if kind == "initial":
            found = marks(a, wrt=self.wrt, of=self.of, path=",".join(self.path))
            ids = {n: v for v, n in enumerate(names)}
            want.update(notes=found.notes, hl=found.highlight,
                        seeds={ids[n] for n in self.wrt + self.of})
        elif kind == "sweep":
            _, direction, seed, at = self.state
            kept = (a.tangents() if direction is Direction.FORWARD else a.adjoints())[names[seed]]
            want["seeds"] = {seed}
            swept = list(range(cg.n_nodes)) if at is None else \
                [s["node"] for s in self.sweep(direction, seed)[:at + 1]]
            want["notes"] = {v: [sweep_note(direction.value, names[seed], names[v],
                                            kept[names[v]])] for v in swept}
            if at is not None:
                v = swept[-1]
                want["current"] = [f"node-{v}"]
                want["read"] = set() if v == seed else reached_edges(a, direction, seed, v)
        elif kind == "entry":
            _, k, term = self.state
            want["on"] = [f"entry-{k}"]
            want["hl"] = {e for p in self.paths(k) for e in p} if term is None \
                else set(self.terms(k)[term])
            want["term"] = [] if term is None else [f"term-{term}"]
        return want


def actions(model: Model) -> list[tuple[str, Any]]:
    cg = model.analysis.compiled
    can = [("node", v) for v in (*cg.inputs, *cg.outputs)]
    can += [("entry", k) for k in range(len(cg.inputs) * len(cg.outputs))]
    can.append(("key", "escape"))
    stepper = model.stepper()
    if stepper is not None:
        at, of = stepper
        can += [("key", "right"), ("key", "left")]
        can += [("button", b) for b, blocked in (("next", of - 1), ("prev", 0)) if at != blocked]
    if model.state[0] == "entry":
        can += [("term", i) for i in range(len(model.terms(model.state[1])))]
    return can


def apply(browser, model: Model, action: tuple[str, Any]) -> dict[str, Any]:
    from selenium.webdriver.common.keys import Keys

    kind, what = action
    if kind == "node":
        direction = Direction.FORWARD if what in model.analysis.compiled.inputs \
            else Direction.REVERSE
        model.state = ("sweep", direction, what, None)
        return click(browser, f"node-{what}")
    if kind == "entry":
        model.state = ("entry", what, None)
        return click(browser, f"entry-{what}")
    if kind == "term":
        model.state = ("entry", model.state[1], what)
        return click(browser, f"term-{what}")
    if kind == "button":
        model.step(1 if what == "next" else -1)
        return click(browser, what)
    if what == "escape":
        model.state = ("none",)
        return press(browser, Keys.ESCAPE)
    model.step(1 if what == "right" else -1)
    return press(browser, Keys.ARROW_RIGHT if what == "right" else Keys.ARROW_LEFT)


PAGES = {  # each opens on a first selection the clicks must replace
    "olah": ("olah.yaml", ["b"], ["e"], ["b", "d", "e"]),
    "path-explosion": ("path-explosion.yaml", ["X"], [], ["X -β→ Y -ε→ Z"]),  # one of nine
    "projectile": ("projectile.yaml", [], ["range", "height"], []),
    # inactive nodes, a derivative with no path; 729 paths, too many to list as terms
    "activity": ("activity.yaml", ["w"], [], []),
    "diamond-chain": ("diamond-chain.yaml", [], [], []),
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    made = {}
    for key, (name, wrt, of, path) in PAGES.items():
        out = tmp_path_factory.mktemp("pages") / f"{key}.html"
        args = [a for x in wrt for a in ("--wrt", x)] + [a for y in of for a in ("--of", y)]
        make_page(out, str(GRAPHS / name), *args, *(["--path", ",".join(path)] if path else []))
        made[key] = (out, analysed(str(GRAPHS / name)))
    return made


@settings(max_examples=25)
@given(key=st.sampled_from(sorted(PAGES)), data=st.data())
def test_no_stale_note_or_highlight_survives_any_clicks(browser, pages, key, data):
    out, analysis = pages[key]
    _, wrt, of, path = PAGES[key]
    model = Model(analysis, wrt, of, path)
    load_page(browser, out)
    shows_exactly(seen(browser), model.expected(), "the first selection")
    for _ in range(data.draw(st.integers(1, 12), label="clicks")):
        action = data.draw(st.sampled_from(actions(model)), label="action")
        shows_exactly(apply(browser, model, action), model.expected(), action)


def shows_exactly(shown: dict[str, Any], want: dict[str, Any], after: Any) -> None:
    assert notes_of(shown) == want["notes"], after
    assert edges_of(shown["hl"]) == want["hl"], after
    assert edges_of(shown["read"]) == want["read"], after
    assert {int(i[5:]) for i in shown["seeds"]} == want["seeds"], after
    for part in ("current", "on", "term"):
        assert shown[part] == want[part], (after, part)

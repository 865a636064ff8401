"""The HTML page of ``pathsum draw -o FILE.html`` in a real headless Chromium: click, then
read what the page shows."""

from __future__ import annotations

import os
import re
import shutil
import tempfile

import pytest
from oracles import GRAPHS, run_cli
from test_draw import HOSTILE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# CI installs all three (.ci/run): there a missing one fails instead of skipping.
pytestmark = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER) and shutil.which("dot"))
    and not os.environ.get("CI"),
    reason="needs chromium, chromedriver and Graphviz (Debian packages; .ci/run installs them)")


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


def open_page(browser, tmp_path, graph: str):
    out = tmp_path / "page.html"
    result = run_cli("draw", graph, "-o", str(out))
    assert result.exit_code == 0, result.output
    browser.get(out.as_uri())
    return out.read_text(encoding="utf-8")


def shown(browser, v: int) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, f"#node-{v} text.sweep").text


def click(browser, element_id: str) -> None:
    from selenium.webdriver.common.by import By

    browser.find_element(By.ID, element_id).click()


def test_clicking_b_shows_its_forward_sweep_on_every_node(browser, tmp_path):
    text = open_page(browser, tmp_path, str(GRAPHS / "olah.yaml"))
    # One self-contained page: nothing to fetch.
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", text)
    assert "url(" not in text and "@import" not in text
    click(browser, "node-1")  # b
    assert [shown(browser, v) for v in range(5)] == ["0", "1", "1", "1", "5"]
    assert browser.find_element("id", "sweep-title").text == "forward from b"
    click(browser, "node-4")  # e: the reverse sweep replaces it
    assert [shown(browser, v) for v in range(5)] == ["2", "5", "2", "3", "1"]
    assert browser.find_element("id", "sweep-title").text == "reverse from e"


def test_clicking_a_jacobian_entry_highlights_its_paths(browser, tmp_path):
    open_page(browser, tmp_path, str(GRAPHS / "olah.yaml"))
    cell = browser.find_element("id", "entry-1")  # de/db
    assert cell.text == "5"
    cell.click()
    lit = {g.get_attribute("id") for g in browser.find_elements("css selector", ".edge.hl")}
    assert lit == {"edge-1", "edge-2", "edge-3", "edge-4"}  # every edge but a -> c
    assert browser.find_element("id", "paths").text == "de/db = [b→c→e] 1*2 + [b→d→e] 1*3 = 5"
    browser.find_element("id", "entry-0").click()  # de/da: one path
    lit = {g.get_attribute("id") for g in browser.find_elements("css selector", ".edge.hl")}
    assert lit == {"edge-0", "edge-3"}


def test_parallel_edges_in_the_page(browser, tmp_path):
    open_page(browser, tmp_path, str(GRAPHS / "path-explosion.yaml"))
    click(browser, "node-0")  # X
    assert [shown(browser, v) for v in range(3)] == ["1", "6", "90"]
    browser.find_element("id", "entry-0").click()
    assert len(browser.find_elements("css selector", ".edge.hl")) == 6


def test_hostile_names_cannot_break_the_page(browser, tmp_path, write):
    open_page(browser, tmp_path, write(HOSTILE))
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.find_element("tag name", "h1").text == \
        '</script><script>window.pwned = 1</script>"\\'
    click(browser, "node-0")  # the input named "node"
    assert browser.find_element("id", "sweep-title").text == "forward from node"
    assert shown(browser, 5) == "1.5"  # dσ/dnode = 3 * 1 / 2

"""mkdocs hook (mkdocs.yml ``hooks:``): links in the notebooks' Markdown cells, to pages and
notebooks of docs/, as mkdocs makes them in Markdown pages.

mkdocs-jupyter renders a notebook's Markdown itself, so ``[the reference](reference.md)``
reaches the site unchanged and would point at nothing there. This hook rewrites each such
link to the page's URL, and a link to a file that docs/ does not hold is a warning, which
``mkdocs build --strict`` turns into a failed build, as it does for Markdown pages.
"""

from __future__ import annotations

import logging
import posixpath
import re

log = logging.getLogger("mkdocs.hooks.notebook_links")
HREF = re.compile(r'href="([^":#?]+\.(?:md|ipynb))(#[^"]*)?"')


def on_page_content(html, page, config, files):  # mkdocs calls hooks with these names
    """Rewrite the relative links of a notebook page to the pages they name."""
    if not page.file.src_uri.endswith(".ipynb"):
        return html

    def rewrite(match: re.Match[str]) -> str:
        target, anchor = match.group(1), match.group(2) or ""
        uri = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), target))
        found = files.get_file_from_path(uri)
        if found is None:
            log.warning("Notebook '%s' links to '%s', which is not among the documentation "
                        "files", page.file.src_uri, target)
            return match.group(0)
        return f'href="{found.url_relative_to(page.file)}{anchor}"'

    return HREF.sub(rewrite, html)

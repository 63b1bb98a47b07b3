"""The pack's first page: plain HTML listing each module's lessons and its graded set.

It needs no kernel, so it shows at once; it says plainly which links are lessons (read in the
browser) and which is the graded set (work in the browser, then download and hand in).
"""

from __future__ import annotations

import html
from urllib.parse import quote

from kit.curriculum.landing import lesson_title
from kit.curriculum.manifest import Module

__all__ = ["page"]

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
  color: #1f2328; background: #f6f8fa; }
main { max-width: 52em; margin: 0 auto; padding: 1.5em; background: #fff; line-height: 1.5; }
h1 { margin-bottom: 0.2em; } .kit-module { border-top: 1px solid #d0d7de; margin-top: 1.2em; }
.kit-meta { color: #57606a; margin: 0; }
.kit-kind { display: inline-block; font-size: 0.8em; padding: 0 0.5em; border-radius: 1em;
  margin-right: 0.4em; } .kit-lesson { background: #ddf4ff; } .kit-graded { background: #fff1e5; }
.kit-note { background: #f6f8fa; border-left: 4px solid #d0d7de; padding: 0.5em 1em; }
"""


def _lesson_url(module: Module, name: str) -> str:
    stem = name.removesuffix(".ipynb")
    return f"voici/render/{quote(module.id)}/{quote(stem)}.html"


def _graded_url(module: Module) -> str:
    path = f"graded/{module.assignment}/{module.assignment}.ipynb"
    return f"notebooks/index.html?path={quote(path)}"


def _module(module: Module) -> str:
    lessons = "".join(
        f'<li><span class="kit-kind kit-lesson">lesson</span>'
        f'<a href="{_lesson_url(module, name)}">{html.escape(lesson_title(module.folder / name))}'
        "</a></li>"
        for name in module.lessons
    )
    graded = (
        f'<li><span class="kit-kind kit-graded">graded set</span>'
        f'<a href="{_graded_url(module)}">{html.escape(module.assignment)}</a>'
        " &mdash; work in the browser, then download your submission</li>"
    )
    return (
        f'<section class="kit-module"><h2>{html.escape(module.title)}</h2>'
        f'<p class="kit-meta">{module.minutes // 60} h {module.minutes % 60:02d} min</p>'
        f"<ol>{lessons}</ol><ul>{graded}</ul></section>"
    )


def page(modules: list[Module]) -> str:
    """The landing page of a pack holding ``modules``."""
    body = "".join(_module(m) for m in modules)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Migration governance: course pack</title><style>{_STYLE}</style>"
        # JupyterLite's apps read the settings of every folder above them from its index.html
        # (empty here: jupyter-lite.json holds them); without this element they fail to start.
        '<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">'
        "{}</script></head>"
        "<body><main><h1>Migration governance: course pack</h1>"
        "<p>Everything here runs in your browser; nothing is sent anywhere.</p>"
        '<p class="kit-note"><b>Lessons</b> are read in the browser: each has checks that answer '
        "at once. The first one takes up to a minute to start; the next ones are quicker.<br>"
        "<b>Graded sets</b> open as a notebook you work in. Your work is kept in this browser "
        "(it is saved every few seconds and survives closing the tab). When you have finished, "
        "follow <i>Hand in your work</i> at its end: type your name, press "
        "<b>Download submission</b> and send the file it saves to your trainer.</p>"
        f"{body}</main></body></html>"
    )

"""The pack's first page: plain HTML listing each module's lessons, its graded set and its
pre-test and post-test.

It needs no kernel, so it shows at once; it says plainly which links are lessons (read in the
browser) and which are graded work (work in the browser, then download and hand in). A second
page, ``hub.html``, is the one the hub's lessons service shows: lessons only, graded work being
done in the official's own workspace on the hub.
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


def _graded_url(assignment: str) -> str:
    path = f"graded/{assignment}/{assignment}.ipynb"
    return f"notebooks/index.html?path={quote(path)}"


def _graded(assignment: str, kind: str, what: str) -> str:
    return (
        f'<li><span class="kit-kind kit-graded">{kind}</span>'
        f'<a href="{_graded_url(assignment)}">{html.escape(assignment)}</a>'
        f" &mdash; {what}</li>"
    )


def _module(module: Module, on_hub: bool) -> str:
    lessons = "".join(
        f'<li><span class="kit-kind kit-lesson">lesson</span>'
        f'<a href="{_lesson_url(module, name)}">{html.escape(lesson_title(module.folder / name))}'
        "</a></li>"
        for name in module.lessons
    )
    if on_hub:
        # On the hub, graded work is done in the official's own workspace (nbgrader's
        # assignment list), where it is submitted and graded: no second way to hand it in.
        graded = ""
    else:
        items = []
        if module.pre_test:
            items.append(_graded(module.pre_test, "pre-test", "before the lessons"))
        hand_in = "work in the browser, then download your submission"
        items.append(_graded(module.assignment, "graded set", hand_in))
        if module.post_test:
            items.append(_graded(module.post_test, "post-test", "after the graded set"))
        graded = f"<ul>{''.join(items)}</ul>"
    return (
        f'<section class="kit-module"><h2>{html.escape(module.title)}</h2>'
        f'<p class="kit-meta">{module.minutes // 60} h {module.minutes % 60:02d} min</p>'
        f"<ol>{lessons}</ol>{graded}</section>"
    )


def page(modules: list[Module], on_hub: bool = False) -> str:
    """The landing page of a pack holding ``modules``.

    ``on_hub``: the page the hub's lessons service shows (``hub.html``): lessons only, and a
    link back to the hub's home page, where graded work starts the official's own workspace.
    """
    body = "".join(_module(m, on_hub) for m in modules)
    if on_hub:
        note = (
            '<p class="kit-note"><b>Lessons</b> open at once and run in your browser: no '
            "workspace is started for you on the hub. The first one takes up to a minute to "
            "start; the next ones are quicker.<br><b>Graded work</b> (the pre-test, each "
            "module's graded set, the post-test) is done in your own workspace: "
            '<a id="kit-graded-work" href="../../hub/home">back to the hub\'s home page</a>, '
            "then <i>Graded work</i>.</p>"
        )
    else:
        note = (
            '<p class="kit-note"><b>Lessons</b> are read in the browser: each has checks that '
            "answer at once. The first one takes up to a minute to start; the next ones are "
            "quicker.<br><b>Graded sets</b>, and each module's <b>pre-test</b> and "
            "<b>post-test</b>, open as a notebook you work in. Your work is kept in this browser "
            "(it is saved every few seconds and survives closing the tab). When you have "
            "finished, follow <i>Hand in your work</i> at its end: type your name, press "
            "<b>Download submission</b> and send the file it saves to your trainer.</p>"
        )
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
        f"{note}{body}</main></body></html>"
    )

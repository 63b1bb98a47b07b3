"""What the dashboard's panels share: boxes with a class, the guard that turns a failing callback
into one sentence on the page, and the "the code is setting values" context manager."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import Any, Protocol

import ipywidgets as w

from kit import i18n
from kit.dashboard.session import Notice, Session
from kit.errors import KitError
from kit.framework import Framework

_ = i18n.translator("assessment")

log = logging.getLogger("kit.dashboard")


class Page(Protocol):
    """What the panels use of the page (kit.dashboard.app.Dashboard) they are part of."""

    data_dir: Path
    session: Session
    lock: Any
    syncing: Syncing
    snapshot: Any
    editor: Any
    review: Any
    actions: Any

    def show(self, notice: Notice) -> None: ...

    def refresh(self) -> None: ...

    def set_framework(self, framework: Framework) -> None: ...


class Syncing:
    """True while the code itself sets widget values, so observers ignore those changes.

    Used as ``with syncing(): ...`` and tested as ``if syncing: return``. It counts, so nested
    blocks (filling the items while moving to another area) end in the right state.
    """

    def __init__(self) -> None:
        self._depth = 0

    def __bool__(self) -> bool:
        return self._depth > 0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1


def guarded(action: str) -> Callable:
    """Run a panel's widget callback under the page's lock so that any failure becomes one
    plain sentence on the page (the log keeps the traceback)."""

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def run(panel: Any, *args: Any, **kwargs: Any) -> Any:
            page: Page = getattr(panel, "page", panel)  # a panel, or the page itself
            try:
                with page.lock:
                    return fn(panel, *args, **kwargs)
            except KitError as exc:
                page.show(Notice(str(exc), "error"))
            except Exception:  # the page must never show a traceback; the log keeps it
                log.exception("dashboard: %s failed", action)
                wrong = _(
                    "Something went wrong while {action}. Your saved answers are safe; "
                    "please try again or reload the page."
                ).format(action=_(action))
                page.show(Notice(wrong, "error"))
            return None

        return run

    return decorate


def box(children: list[w.Widget], cls: str, vertical: bool = True, **layout: str) -> w.Box:
    """A VBox (or HBox) with a CSS class of the kit's style sheet."""
    made = (w.VBox if vertical else w.HBox)(children, layout=w.Layout(**layout))
    made.add_class(cls)
    return made


def heading(text: str) -> w.HTML:
    """A panel's small heading (``<h4>``), its text escaped."""
    return w.HTML(f"<h4 class='kit-sub'>{escape(text)}</h4>")


def html(cls: str) -> w.HTML:
    """An empty HTML widget with a CSS class (tests and the style sheet find it by it)."""
    widget = w.HTML()
    widget.add_class(cls)
    return widget

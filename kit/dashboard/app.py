"""The dashboard page: a chooser, the checklist editor and the results, on one ``Session``."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import ipywidgets as w

from kit import i18n
from kit.dashboard import views
from kit.dashboard.actions import Actions
from kit.dashboard.chooser import Chooser
from kit.dashboard.editor import Editor
from kit.dashboard.results import Results
from kit.dashboard.review import Review
from kit.dashboard.session import Notice, Session
from kit.dashboard.widgets import Syncing, box
from kit.framework import DEFAULT_FRAMEWORK, Framework, load_framework
from kit.io import datafolder as folder
from kit.web import theme
from kit.web.language import page_language

log = logging.getLogger(__name__)

DATA_ENV = "KIT_DASHBOARD_DATA"

_ = i18n.translator("assessment")

#: The language the server was started with (`kit dashboard --lang`, $KIT_LANG), if any: the
#: page then sets $KIT_LANG itself, for its own kernel, and must not take that for a choice.
SERVER_LANGUAGE = os.environ.get("KIT_LANG")


def wanted_language() -> str:
    """The page's language: ``?lang=``, else the server's ``--lang``, else the browser's."""
    environ = {k: v for k, v in os.environ.items() if k != "KIT_LANG"}
    if SERVER_LANGUAGE:
        environ["KIT_LANG"] = SERVER_LANGUAGE
    return page_language(environ)


class Dashboard:
    """The whole page for one browser tab: the panels share its session, lock and messages."""

    def __init__(
        self, data_dir: Path, framework_id: str | None = None, holder: w.Box | None = None
    ) -> None:
        self.data_dir = Path(data_dir)
        #: The box the page is shown in: a language change puts a page in that language there.
        self.holder = holder if holder is not None else w.Box(layout=w.Layout(display="block"))
        # Widget callbacks run on the kernel's main thread, the refresh after a preheated
        # kernel's request on another: one lock keeps them from interleaving.
        self.lock = threading.RLock()
        #: ``with self.syncing():`` while the code sets widget values; observers then ignore them.
        self.syncing = Syncing()
        self.snapshot = None
        # The checklist's texts in the page's language; ids and levels are the same in all.
        framework = load_framework(framework_id or DEFAULT_FRAMEWORK, lang=i18n.current())
        self.session = Session(self.data_dir, framework)
        self.language_w = w.Dropdown(
            options=[(name, code) for code, name in i18n.LANGUAGES.items()],
            value=i18n.current(),
            description=_("Language"),
            layout=w.Layout(width="auto"),
        )
        self.language_w.add_class("kit-language")
        self.title = w.HTML()
        self.notice_w = w.HTML()
        self.notice_w.add_class("kit-notice-box")
        self.chooser = Chooser(self)
        self.editor = Editor(self)
        self.review = Review(self)
        self.actions = Actions(self)
        self.results = Results(self)
        checklist = box([self.editor.widget, self.results.side], "kit-columns", vertical=False)
        self.tabs = self.results.tabs(checklist)
        self.widget = box(
            [
                w.HTML(theme.stylesheet()),
                box([self.title, self.language_w], "kit-title-row", vertical=False),
                self.chooser.widget,
                self.notice_w,
                self.tabs,
            ],
            "kit-app",
        )
        # Right to left in Arabic: the page mirrors (kit.css), numbers and ids stay left to right.
        self.widget.add_class(f"kit-dir-{i18n.direction()}")
        self.widget.add_class(f"kit-lang-{i18n.current()}")
        self.holder.children = (self.widget,)
        self.language_w.observe(self._on_language, "value")
        self.editor.fill_areas()

    def _on_language(self, change: dict) -> None:
        if not self.syncing:
            self.speak(change["new"])

    def speak(self, lang: str) -> Dashboard:
        """Show the page again in ``lang``, with the same answers open; return the new page.

        One kernel serves one browser tab, so the language is the kernel's (``KIT_LANG``).
        Every answer is already saved, so nothing is lost by building the page afresh.
        """
        with self.lock:
            os.environ["KIT_LANG"] = i18n.resolve(lang)
            fresh = Dashboard(self.data_dir, self.session.framework.id, holder=self.holder)
            rs = self.session.responses
            if rs is None:
                fresh.start()
            else:
                with fresh.syncing():
                    fresh.chooser.country_w.value = rs.country
                    fresh.chooser.round_w.value = folder.slugify(rs.round)
                    fresh.chooser.ministry_w.value = rs.ministry
                fresh.chooser.open()
            fresh.snapshot = self.snapshot
            return fresh

    def show(self, notice: Notice) -> None:
        """Show one message above the tabs."""
        self.notice_w.value = views.notice_html(notice)

    def start(self) -> None:
        """Open the first country's latest round and first ministry, if the folder has any."""
        self.chooser.start()

    def set_framework(self, framework: Framework) -> None:
        """Answer another framework: a new session, its areas and items."""
        self.session = Session(self.data_dir, framework)
        self.chooser.show_framework(framework.id)
        self.editor.fill_areas()

    def refresh(self) -> None:
        """Show the session as it is now: heading, item list, the item, and the results."""
        self.title.value = views.title_html(self.session.framework, self.session.responses)
        self.editor.fill_items()
        self.editor.show_item()
        self.results.refresh()

    def refresh_after_request(self) -> None:
        """In a preheated kernel, wait for the visitor, then re-read the files.

        Voila runs a preheated notebook before anyone asks for the page, so the answers it read
        may be minutes old when the page is shown.
        """
        from voila.utils import wait_for_request

        try:
            wait_for_request()
            if folder.snapshot(self.data_dir) == self.snapshot:
                return  # nothing changed since the kernel was warmed: the page is current
            with self.lock:
                if self.session.responses is None:
                    self.start()
                else:
                    self.show(self.session.reload())
                    self.refresh()
        except Exception:
            log.exception("dashboard: refresh after the request failed")


def visitors_language(dashboard: Dashboard) -> Dashboard:
    """In a preheated kernel, wait for the visitor's request, then give the page in their
    language (``?lang=``, ``$KIT_LANG``, else the browser's), built before it is shown.

    The page warmed before the request speaks the default language; a page in another
    language is built afresh before display, because widgets made while the browser is
    already drawing the page are not found by it.
    """
    from voila.utils import wait_for_request

    wait_for_request()
    wanted = wanted_language()
    return dashboard if wanted == i18n.current() else dashboard.speak(wanted)


def main(data_dir: str | os.PathLike[str] | None = None) -> Dashboard:
    """Build and show the dashboard (the one hidden cell of the Voila notebook calls this)."""
    from IPython.display import display

    logging.basicConfig(level=logging.WARNING)
    chosen = data_dir or os.environ.get(DATA_ENV) or "."
    # ?lang= of the address, else $KIT_LANG (kit dashboard --lang), else the browser's language.
    os.environ["KIT_LANG"] = wanted_language()
    dashboard = Dashboard(Path(chosen))
    dashboard.start()
    preheated = os.environ.get("VOILA_PREHEAT") == "True"
    if preheated:
        dashboard = visitors_language(dashboard)
    display(dashboard.holder)
    if preheated:
        threading.Thread(target=dashboard.refresh_after_request, daemon=True).start()
    return dashboard

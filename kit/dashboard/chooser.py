"""The chooser panel: framework, country, round and ministry, importing a file, reloading."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from kit import i18n
from kit.dashboard.session import Notice
from kit.dashboard.widgets import Page, box, guarded
from kit.errors import KitError
from kit.framework import builtin_frameworks, load_framework
from kit.i18n import N_
from kit.io import datafolder as folder

_ = i18n.translator("assessment")


class Chooser:
    """Which answers are open: the framework, then country, round and ministry."""

    def __init__(self, page: Page) -> None:
        self.page = page
        fw = page.session.framework
        self.framework_w = w.Dropdown(
            options=[
                (load_framework(f, lang=i18n.current()).title, f) for f in builtin_frameworks()
            ],
            value=fw.id,
            description=_("Framework"),
            layout=w.Layout(width="100%"),
        )
        self.country_w = w.Combobox(description=_("Country"), ensure_option=False)
        self.round_w = w.Combobox(description=_("Round"), ensure_option=False)
        self.ministry_w = w.Combobox(description=_("Ministry"), ensure_option=False)
        for combo, cls in (
            (self.country_w, "kit-country-box"),
            (self.round_w, "kit-round-box"),
            (self.ministry_w, "kit-ministry-box"),
        ):
            combo.layout = w.Layout(width="auto", flex="1 1 200px")
            combo.add_class(cls)
        self.ministry_w.placeholder = "your ministry's name"
        self.open_btn = w.Button(description=_("Open"), button_style="primary", icon="")
        self.open_btn.add_class("kit-open")
        self.upload_w = w.FileUpload(
            accept=".xlsx,.csv,.yaml,.yml,.json",
            multiple=False,
            description=_("Import Excel or CSV"),
            layout=w.Layout(width="auto"),
        )
        self.upload_w.add_class("kit-import")
        self.reload_btn = w.Button(description=_("Reload from file"), layout=w.Layout(width="auto"))
        self.widget = box(
            [
                self.framework_w,
                box(
                    [self.country_w, self.round_w, self.ministry_w, self.open_btn],
                    "kit-row",
                    vertical=False,
                ),
                box([self.upload_w, self.reload_btn], "kit-row", vertical=False),
            ],
            "kit-card",
        )
        self.framework_w.observe(self._on_framework, "value")
        self.country_w.observe(self._on_country, "value")
        self.round_w.observe(self._on_round, "value")
        self.open_btn.on_click(self._on_open)
        self.upload_w.observe(self._on_upload, "value")
        self.reload_btn.on_click(self._on_reload)

    @property
    def data_dir(self):
        return self.page.data_dir

    # -- the first answers ---------------------------------------------------------------------
    @guarded(N_("opening the dashboard"))
    def start(self) -> None:
        """Open the first country's latest round and first ministry, if the folder has any."""
        page = self.page
        page.snapshot = folder.snapshot(self.data_dir)
        found = folder.countries(self.data_dir)
        self._fill_countries()
        if not found:
            page.show(
                Notice(
                    _(
                        "No answers yet in this folder: type your country, round and ministry, "
                        "then press Open."
                    )
                )
            )
            page.refresh()
            return
        country = found[0]
        round_ = folder.rounds(self.data_dir, country)[-1]
        ministries = folder.names(self.data_dir / country / round_)
        with page.syncing():
            self.country_w.value = folder.country_name(self.data_dir, country)
            self._fill_rounds()
            self.round_w.value = round_
            self._fill_ministries()
            self.ministry_w.value = next(iter(ministries.values()), "")
        if self.ministry_w.value:
            self.open()
        else:
            page.refresh()

    # -- the lists -----------------------------------------------------------------------------
    def _country_slug(self) -> str:
        return folder.slugify(self.country_w.value or "")

    def _fill_countries(self) -> None:
        self.country_w.options = [
            folder.country_name(self.data_dir, c) for c in folder.countries(self.data_dir)
        ]

    def _fill_rounds(self) -> None:
        self.round_w.options = folder.rounds(self.data_dir, self._country_slug())

    def _fill_ministries(self) -> None:
        target = self.data_dir / self._country_slug() / folder.slugify(self.round_w.value or "")
        self.ministry_w.options = sorted(folder.names(target).values())

    def show_framework(self, framework_id: str) -> None:
        """Show ``framework_id`` as chosen without acting on it."""
        with self.page.syncing():
            self.framework_w.value = framework_id

    # -- callbacks -----------------------------------------------------------------------------
    @guarded(N_("choosing the framework"))
    def _on_framework(self, change: dict) -> None:
        page = self.page
        if page.syncing or change["new"] == page.session.framework.id:
            return
        page.set_framework(load_framework(change["new"], lang=i18n.current()))
        if page.session.responses is not None:
            self.open()

    @guarded(N_("choosing the country"))
    def _on_country(self, change: dict) -> None:
        if self.page.syncing:
            return
        self._fill_rounds()
        if self.round_w.options:
            self.round_w.value = self.round_w.options[-1]

    @guarded(N_("choosing the round"))
    def _on_round(self, change: dict) -> None:
        if not self.page.syncing:
            self._fill_ministries()

    @guarded(N_("opening the answers"))
    def _on_open(self, _click: Any) -> None:
        self.open()

    def open(self) -> None:
        """Open (or start) the chosen ministry's answers, switching to the framework its file
        declares."""
        page = self.page
        country, round_ = self.country_w.value or "", self.round_w.value or ""
        ministry = self.ministry_w.value or ""
        existing = folder.find_ministry_file(
            self.data_dir / folder.slugify(country) / folder.slugify(round_), ministry
        )
        if existing is not None:
            declared = folder.peek_header(existing).get("framework")
            if declared and declared != page.session.framework.id:
                if declared not in builtin_frameworks():
                    raise KitError(
                        _(
                            "{file} answers the framework '{framework}', which this dashboard "
                            "does not have."
                        ).format(file=existing.name, framework=declared)
                    )
                page.set_framework(load_framework(declared, lang=i18n.current()))
        page.show(page.session.open(country, round_, ministry))
        self.after_open()

    def after_open(self) -> None:
        """Show the opened answers' country, round and ministry, then every result."""
        rs = self.page.session.responses
        with self.page.syncing():
            self._fill_countries()
            self.country_w.value = rs.country
            self._fill_rounds()
            self.round_w.value = folder.slugify(rs.round)
            self._fill_ministries()
            self.ministry_w.value = rs.ministry
        self.page.refresh()

    @guarded(N_("reading the file again"))
    def _on_reload(self, _click: Any) -> None:
        page = self.page
        if page.session.responses is None:
            return
        page.show(page.session.reload())
        page.refresh()

    @guarded(N_("importing the file"))
    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        page = self.page
        try:
            notice = page.session.import_file(upload["name"], bytes(upload["content"]))
        finally:
            with page.syncing():
                self.upload_w.value = ()
        if page.session.responses is not None:
            self.after_open()
        page.show(notice)

"""The results panels: this ministry's live score, the country, the trend, the plan, the report."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from kit import i18n
from kit.dashboard import charts, views
from kit.dashboard.widgets import Page, box, guarded, html
from kit.errors import KitError
from kit.i18n import N_

_ = i18n.translator("assessment")

#: The tabs of the page; the first is the checklist, the others are drawn when first shown.
TABS = (
    N_("Checklist"),
    N_("Country results"),
    N_("Trend"),
    N_("Gap plan"),
    N_("Report"),
    N_("Review"),
    N_("Actions"),
)


class Results:
    """Everything computed from the answers; a tab is drawn when it is shown, not before."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.assessment = None
        self._problems: list[str] = []
        self._stale_tabs: set[int] = set(range(1, len(TABS)))
        self.live = html("kit-live")
        self.live_chart = html("kit-chart")
        self.live_chart.add_class("kit-area-chart")
        #: Beside the editor on the checklist tab.
        self.side = box([box([self.live, self.live_chart], "kit-card", width="100%")],
                        "kit-col-side", flex="2 1 360px")  # fmt: skip
        self.country_view = html("kit-country")
        self.trend_view = html("kit-trend")
        self.plan_view = html("kit-plan")
        self.report_btn = w.Button(
            description=_("Prepare the report"),
            button_style="primary",
            layout=w.Layout(width="auto"),
        )
        self.report_btn.add_class("kit-report-btn")
        self.report_links = html("kit-report-links")
        # The PDF takes seconds to lay out: made only on its own button, not with the others.
        self.pdf_btn = w.Button(
            description=_("Prepare the PDF profile"), layout=w.Layout(width="auto")
        )
        self.pdf_btn.add_class("kit-report-pdf-btn")
        self.pdf_links = html("kit-report-pdf-links")
        self.report = box(
            [
                w.HTML(
                    "<p>"
                    + _(
                        "The report covers every ministry of this country and round, "
                        "consolidated, with the trend and the training plan. It opens in any "
                        "browser with no internet."
                    )
                    + "</p>"
                ),
                self.report_btn,
                self.report_links,
                self.pdf_btn,
                self.pdf_links,
            ],
            "kit-card",
        )
        self.report_btn.on_click(self._on_report)
        self.pdf_btn.on_click(self._on_pdf)

    def tabs(self, checklist: w.Widget) -> w.Tab:
        """The page's tabs, the checklist first; results are drawn when their tab is shown."""
        self._tabs = w.Tab(
            children=[
                checklist,
                self.country_view,
                self.trend_view,
                self.plan_view,
                self.report,
                self.page.review.widget,
                self.page.actions.widget,
            ],
            titles=[_(title) for title in TABS],
        )
        self._tabs.observe(self._on_tab, "selected_index")
        return self._tabs

    def refresh(self) -> None:
        """Recompute from the answers: the live score now, the other tabs when shown."""
        page = self.page
        fw, rs = page.session.framework, page.session.responses
        if rs is None:
            self.live.value = views.empty_live()
            self.live_chart.value = ""
            self.country_view.value = self.trend_view.value = self.plan_view.value = ""
            return
        self.assessment, self._problems = page.session.assessment()
        card = self.assessment.ministries[rs.ministry]
        page.editor.show_progress(card)
        self.live.value = views.live_html(fw, card, rs.ministry, page.editor.area_w.value)
        self.live_chart.value = charts.to_svg(
            charts.area_bars(
                fw, card, title=_("{ministry}: score by area").format(ministry=rs.ministry)
            )
        )
        self._stale_tabs = set(range(1, len(TABS)))
        self.report_links.value = self.pdf_links.value = ""
        self._refresh_tab(self._tabs.selected_index)

    @guarded(N_("showing the results"))
    def _on_tab(self, change: dict) -> None:
        self._refresh_tab(change["new"])

    def _refresh_tab(self, index: int | None) -> None:
        if index not in self._stale_tabs or self.page.session.responses is None:
            return
        self._stale_tabs.discard(index)
        fw, a = self.page.session.framework, self.assessment
        if index == 1:
            self.country_view.value = views.country_html(fw, a, self._problems)
        elif index == 2:
            self.trend_view.value = views.trend_html(fw, a)
        elif index == 3:
            self.plan_view.value = views.plan_html(fw, a)
        elif index == 5:
            self.page.review.refresh()
        elif index == 6:
            self.page.actions.refresh()

    @guarded(N_("preparing the report"))
    def _on_report(self, _click: Any) -> None:
        self._prepare(self.report_links, views.REPORT_KINDS)

    @guarded(N_("preparing the PDF profile"))
    def _on_pdf(self, _click: Any) -> None:
        self._prepare(self.pdf_links, views.PDF_KIND)
        if "kit-dl-pdf" not in self.pdf_links.value:  # no Pango on this machine
            self.pdf_links.value = (
                "<p>"
                + _(
                    "The PDF cannot be made on this computer (it needs the Pango libraries, "
                    "installed by scripts/install-system.sh); the HTML report prints as well."
                )
                + "</p>"
            )

    def _prepare(self, target: w.HTML, kinds: dict) -> None:
        session = self.page.session
        if session.responses is None:
            raise KitError(_("Open a ministry's answers first."))
        target.value = "<p>" + _("Preparing…") + "</p>"
        assessment, _problems = session.assessment()
        target.value = views.report_links(assessment, kinds)

"""Do the dashboard's panels (chooser, editor, results) work together without a browser, and does
the code setting widget values never count as the official answering?"""

from __future__ import annotations

from kit.dashboard.app import Dashboard
from kit.dashboard.widgets import Syncing
from kit.io.formats import load_responses

LABOUR = "Ministry of Labour"
ITEM = "objectives.development"


def _open(data_dir, ministry: str = LABOUR) -> Dashboard:
    page = Dashboard(data_dir)
    page.start()
    page.chooser.ministry_w.value = ministry
    page.chooser.open_btn.click()
    assert ministry in page.title.value
    return page


def test_syncing_counts_nested_blocks():
    """Is the guard still on after an inner block ends inside an outer one, and off after both?"""
    syncing = Syncing()
    assert not syncing
    with syncing():
        with syncing():
            assert syncing
        assert syncing
    assert not syncing


def test_opening_shows_the_ministry_without_saving_anything(data_dir):
    """Does opening a ministry fill the editor from its file and leave every file untouched
    (the values the code sets are not taken as answers)?"""
    before = {p: p.read_bytes() for p in data_dir.rglob("*.csv")}
    page = _open(data_dir)
    saved = load_responses(data_dir / "utopia" / "2025" / "labour.csv", page.session.framework)
    assert page.editor.item_w.value == ITEM
    assert page.editor.level_text.value == saved.answer(ITEM).label
    assert {p: p.read_bytes() for p in data_dir.rglob("*.csv")} == before
    assert not page.syncing


def test_a_level_chosen_is_saved_and_the_results_follow(data_dir):
    """Does a level chosen in the editor reach the file, the item list and the live score?"""
    page = _open(data_dir)
    before = page.results.live.value
    target = 0 if page.editor.level_w.value != 0 else 4
    page.editor.level_w.value = target
    saved = load_responses(data_dir / "utopia" / "2025" / "labour.csv", page.session.framework)
    assert saved.answer(ITEM).level == target
    assert page.results.live.value != before
    assert page.editor.item_w.options[0][0].startswith(f"✔ {target}")
    assert "kit-notice-success" in page.notice_w.value


def test_a_typed_level_out_of_range_changes_nothing(data_dir):
    """Is a typed level of 7 refused with a message, the field put back and the file kept?"""
    page = _open(data_dir)
    path = data_dir / "utopia" / "2025" / "labour.csv"
    before, shown = path.read_bytes(), page.editor.level_text.value
    page.editor.level_text.value = "7"
    assert "not a level" in page.notice_w.value and "kit-notice-error" in page.notice_w.value
    assert page.editor.level_text.value == shown
    assert path.read_bytes() == before


def test_next_item_crosses_into_the_next_area(data_dir):
    """Does "Next item" on an area's last item show the next area's first item?"""
    page = _open(data_dir)
    fw = page.session.framework
    first, second = fw.areas[0], fw.areas[1]
    page.editor.area_w.value = first.id
    page.editor.item_w.value = first.items[-1].id
    page.editor.next_btn.click()
    assert page.editor.area_w.value == second.id
    assert page.editor.item_w.value == second.items[0].id
    assert second.items[0].title in page.editor.item_head.value


def test_country_tab_shows_the_petal_chart(data_dir):
    """Does the Country results tab draw the petal chart of the consolidated areas as inline
    SVG, one petal tooltip per area with the report's percentage?"""
    page = _open(data_dir)
    page.results._tabs.selected_index = 1
    view = page.results.country_view.value
    assert "kit-petals" in view and 'class="radar"' in view
    card = page.results.assessment.consolidated
    for area in page.session.framework.areas:
        percent = card.areas[area.id].percent
        if percent:
            assert f"<title>{area.title}: {percent:.1f}%</title>" in view


def test_report_tab_offers_the_pdf_profile_on_its_own_button(data_dir):
    """Does 'Prepare the PDF profile' offer the country profile as a real PDF in a data: link?"""
    import base64
    import re

    page = _open(data_dir)
    page.results.pdf_btn.click()
    links = page.results.pdf_links.value
    assert "kit-dl-pdf" in links
    encoded = re.search(r"href='data:application/pdf;base64,([^']+)'", links).group(1)
    assert base64.b64decode(encoded).startswith(b"%PDF")


def test_preparing_the_report_does_not_build_the_pdf(data_dir, monkeypatch):
    """Does 'Prepare the report' offer HTML, Excel and JSON without laying out the PDF (seconds
    of work nobody asked for), which only its own button does?"""
    from kit.report import write

    made = []
    real_pdf = write.RENDERERS[".pdf"]
    # A counting wrapper around the real renderer: the PDF is still really made when asked.
    monkeypatch.setitem(write.RENDERERS, ".pdf", lambda *a: made.append(1) or real_pdf(*a))
    page = _open(data_dir)
    page.results.report_btn.click()
    links = page.results.report_links.value
    for kind in ("html", "xlsx", "json"):
        assert f"kit-dl-{kind}" in links
    assert "kit-dl-pdf" not in links and made == []
    page.results.pdf_btn.click()
    assert "kit-dl-pdf" in page.results.pdf_links.value and made == [1]

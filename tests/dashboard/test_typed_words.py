"""The editor's "or type" box in the officials' languages (issue #14): it takes "ne sait pas",
"no sabe", "لا أعرف" (and English) and writes the response file language-neutral."""

from __future__ import annotations

import csv
import io

import pytest

from kit import i18n
from kit.dashboard.app import Dashboard
from kit.dashboard.editor import typed_as_written
from kit.io.formats import load_responses

LABOUR = "Ministry of Labour"
ITEM = "objectives.development"


def _open(data_dir, lang: str, monkeypatch) -> Dashboard:
    """The dashboard in ``lang`` (a kernel's language is its $KIT_LANG), Labour opened."""
    monkeypatch.setenv("KIT_LANG", lang)
    page = Dashboard(data_dir)
    page.start()
    page.chooser.ministry_w.value = LABOUR
    page.chooser.open_btn.click()
    return page


def _saved(data_dir, page: Dashboard, item: str = ITEM):
    """The item's answer as read back, and the file's text."""
    path = data_dir / "utopia" / "2025" / "labour.csv"
    return load_responses(path, page.session.framework).answer(item), path.read_text("utf-8")


def _level_cell(text: str, item: str = ITEM) -> str:
    """The `level` cell of the item's row, as the file writes it."""
    rows = csv.DictReader(io.StringIO(text))
    return next(row["level"] for row in rows if row["item_id"] == item)


@pytest.mark.parametrize(
    "lang, typed",
    [("fr", "ne sait pas"), ("fr", "Ne Sait Pas"), ("es", "no sabe"), ("ar", "لا أعرف")],
)
def test_dont_know_typed_in_the_pages_language_is_stored_neutral(
    data_dir, lang, typed, monkeypatch
):
    """Does typing "don't know" in the page's language save the item as don't know, written in
    the file as the language-neutral `don't know`, and show the word back in that language?"""
    page = _open(data_dir, lang, monkeypatch)
    page.editor.level_text.value = typed
    answer, text = _saved(data_dir, page)
    assert answer.status == "dont_know"
    assert _level_cell(text) == "don't know"
    assert typed not in text
    assert page.editor.level_w.value == "dont_know"
    page.editor.next_btn.click()
    page.editor.prev_btn.click()  # back on the item: the box shows the page's word
    assert page.editor.level_text.value == i18n.gettext("assessment", "don't know", lang)
    assert "kit-notice-error" not in page.notice_w.value


def test_english_words_still_work_on_a_french_page(data_dir, monkeypatch):
    """Is English `don't know` still taken on a French page (harmless, and what the files say)?"""
    page = _open(data_dir, "fr", monkeypatch)
    page.editor.level_text.value = "don't know"
    assert _saved(data_dir, page)[0].status == "dont_know"


def test_the_hint_names_the_words_of_the_pages_language(data_dir, monkeypatch):
    """Does the box's hint in French name the French words it takes (S.O., ne sait pas), and
    are both taken?"""
    page = _open(data_dir, "fr", monkeypatch)
    hint = page.editor.level_text.placeholder
    na = i18n.gettext("assessment", "N/A", "fr")
    dont_know = i18n.gettext("assessment", "don't know", "fr")
    assert na in hint and dont_know in hint and "don't know" not in hint
    with i18n.use("fr"):
        assert typed_as_written(na) == "N/A"
        assert typed_as_written(dont_know) == "don't know"
        assert typed_as_written("3") == "3"


def test_a_word_of_another_language_is_refused_in_the_pages_language(data_dir, monkeypatch):
    """Is "no sabe" on a French page refused with a French message naming the French words,
    and the file left as it was?"""
    page = _open(data_dir, "fr", monkeypatch)
    before = _saved(data_dir, page)[1]
    page.editor.level_text.value = "no sabe"
    assert "kit-notice-error" in page.notice_w.value
    assert "n’est pas un niveau" in page.notice_w.value
    assert i18n.gettext("assessment", "don't know", "fr") in page.notice_w.value
    assert _saved(data_dir, page)[1] == before


def test_na_typed_in_arabic_waits_for_its_reason(data_dir, monkeypatch):
    """Does "لا ينطبق" (N/A in Arabic) choose N/A and ask for the reason, saving nothing yet?"""
    page = _open(data_dir, "ar", monkeypatch)
    before = _saved(data_dir, page)[1]
    page.editor.level_text.value = "لا ينطبق"
    assert page.editor.level_w.value == "na"
    assert page.editor.na_reason.layout.display == ""
    assert _saved(data_dir, page)[1] == before

"""Are translated lessons (sibling notebooks, module.<lang>.yaml) checked, and offered by the
landing page in the reader's language?"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from repo import CURRICULUM
from translated_fixture import FIRST_LESSON_FR, FRENCH_TITLE, MODULE, make_translated_curriculum

from kit.curriculum.landing import build_landing_page
from kit.curriculum.manifest import CurriculumError, load_curriculum, load_module
from kit.curriculum.translations import lesson_languages
from kit.pack import landing as pack_landing
from kit.web.language import page_language


@pytest.fixture
def curriculum(tmp_path):
    return make_translated_curriculum(tmp_path)


def test_sibling_notebooks_and_module_texts_are_accepted(curriculum):
    """Does a module with a French sibling of every lesson and a module.fr.yaml load, and does
    each lesson list English then French?"""
    module = load_module(curriculum / MODULE)
    for path in module.lesson_paths:
        assert list(lesson_languages(path)) == ["en", "fr"]


def test_landing_page_in_french_offers_the_french_lessons(curriculum):
    """In French, does the page link the .fr.ipynb lesson under its French title, show the
    module's French title and the French graded set, in French words, left to right?"""
    page = build_landing_page(curriculum, "fr")
    assert f'href="{MODULE}/01-coherent-objectives.fr.ipynb"' in page
    assert FIRST_LESSON_FR in page and FRENCH_TITLE in page
    assert 'lang="fr" dir="ltr"' in page
    assert "Migration governance: course lessons" not in page, "the heading is not translated"
    assert f"{MODULE}-fr" in page
    assert "(en anglais)" not in page, "a translated lesson is marked as English"


def test_landing_page_in_arabic_is_right_to_left_and_marks_english_lessons(curriculum):
    """In Arabic (no Arabic lessons), is the page right to left, in Arabic words, linking the
    English lessons and saying they are in English?"""
    page = build_landing_page(curriculum, "ar")
    assert 'lang="ar" dir="rtl"' in page
    assert f'href="{MODULE}/01-coherent-objectives.ipynb"' in page
    assert re.search(r"[\u0600-\u06ff]{3}", page), "no Arabic text on the Arabic page"
    assert "Migration governance: course lessons" not in page
    assert page.count('class="kit-meta kit-in-english"') == 4


def test_english_page_offers_the_other_languages(curriculum):
    """On the English page, does each lesson also link its French version?"""
    page = build_landing_page(curriculum, "en")
    assert "Migration governance: course lessons" in page
    assert f'href="{MODULE}/01-coherent-objectives.fr.ipynb" lang="fr" hreflang="fr"' in page


def test_pack_landing_page_holds_every_language(curriculum):
    """Does the pack's page hold an English (shown) and a French and an Arabic version (hidden
    until picked), the French one linking the French lesson page and graded set?"""
    module = load_module(curriculum / MODULE)
    page = pack_landing.page([module], curriculum.parent / "assessment" / "source")
    assert '<div data-kit-lang="en" lang="en" dir="ltr"' in page
    assert re.search(r'<div data-kit-lang="ar" lang="ar" dir="rtl"[^>]* hidden>', page)
    french = page.split('data-kit-lang="fr"')[1].split("data-kit-lang=")[0]
    assert f"voici/render/{MODULE}/01-coherent-objectives.fr.html" in french
    assert f"graded/{MODULE}-fr/{MODULE}-fr.ipynb" in french
    assert "navigator.languages" in page


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"QUERY_STRING": "lang=ar", "HTTP_ACCEPT_LANGUAGE": "fr"}, "ar"),
        ({"KIT_LANG": "es", "HTTP_ACCEPT_LANGUAGE": "fr"}, "es"),
        ({"HTTP_ACCEPT_LANGUAGE": "de-DE,fr;q=0.8,en;q=0.5"}, "fr"),
        ({"QUERY_STRING": "lang=xx"}, "en"),
        ({}, "en"),
    ],
)
def test_page_language_prefers_the_address_then_kit_lang_then_the_browser(environ, expected):
    """Is a page's language ?lang=, else $KIT_LANG, else the browser's, else English?"""
    assert page_language(environ) == expected


def _break(path, change):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    change(notebook)
    path.write_text(json.dumps(notebook), encoding="utf-8")


def test_a_translation_with_a_cell_missing_is_refused(curriculum):
    """Is a sibling notebook with one cell fewer than the English refused, naming the file?"""
    path = curriculum / MODULE / "02-coordination-and-consultation.fr.ipynb"
    _break(path, lambda nb: nb["cells"].pop())
    with pytest.raises(CurriculumError, match=r"consultation\.fr\.ipynb: \d+ cells"):
        load_module(curriculum / MODULE)


def test_a_translation_with_other_cell_ids_is_refused(curriculum):
    """Is a sibling whose cells are reordered (ids differ) refused?"""
    path = curriculum / MODULE / "01-coherent-objectives.fr.ipynb"
    _break(path, lambda nb: nb["cells"].reverse())
    with pytest.raises(CurriculumError, match=r"01-coherent-objectives\.fr\.ipynb: cell 1"):
        load_module(curriculum / MODULE)


def test_a_language_missing_a_lesson_is_refused(curriculum):
    """With module.fr.yaml, is a lesson without its French sibling refused?"""
    (curriculum / MODULE / "03-evidence-and-smart-objectives.fr.ipynb").unlink()
    with pytest.raises(CurriculumError, match="no 'fr' lesson for 03-evidence-and-smart"):
        load_module(curriculum / MODULE)


def test_lessons_without_module_texts_are_refused(curriculum):
    """Are French lessons without a module.fr.yaml refused?"""
    (curriculum / MODULE / "module.fr.yaml").unlink()
    with pytest.raises(CurriculumError, match=r"no module\.fr\.yaml"):
        load_module(curriculum / MODULE)


def test_a_stray_or_unknown_language_sibling_is_refused(curriculum):
    """Are a sibling of no listed lesson, and one in a language the kit lacks, refused?"""
    folder = curriculum / MODULE
    (folder / "09-nothing.fr.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(CurriculumError, match="named after a listed lesson"):
        load_module(folder)
    (folder / "09-nothing.fr.ipynb").unlink()
    (folder / "01-coherent-objectives.xx.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(CurriculumError, match="'xx' is not a language of the kit"):
        load_module(folder)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"minutes": 10}, "minutes must stay as in module.yaml"),
        ({"objectives": ["Un seul."]}, "objectives should list 7 entries"),
        ({"colour": "bleu"}, "field 'colour' is not in module.yaml"),
        ({"title": ""}, "title should be non-empty text"),
    ],
)
def test_module_texts_translate_only_the_texts(curriculum, change, message):
    """Does module.fr.yaml refuse changed numbers, lists of another length, unknown fields and
    empty texts, naming the file?"""
    path = curriculum / MODULE / "module.fr.yaml"
    texts = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts.update(change)
    path.write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CurriculumError, match=rf"module\.fr\.yaml: {re.escape(message)}"):
        load_module(curriculum / MODULE)


def test_a_stated_language_must_match_the_file_name(curriculum):
    """Is a .fr.ipynb whose metadata says it is Spanish refused?"""
    path = curriculum / MODULE / "04-global-frameworks-and-policy-cycle.fr.ipynb"
    _break(path, lambda nb: nb["metadata"]["kit"].update(language="es"))
    with pytest.raises(CurriculumError, match="metadata.kit.language is 'es'"):
        load_module(curriculum / MODULE)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_real_curriculum_offers_its_translated_lessons(lang):
    """On the page in French (Spanish), is every lesson of a module with module.<lang>.yaml
    linked in that language, and its graded set named?"""
    page = build_landing_page(CURRICULUM, lang)
    translated = [
        m for m in load_curriculum(CURRICULUM) if (m.folder / f"module.{lang}.yaml").exists()
    ]
    assert translated, f"no module is translated into {lang}"
    for module in translated:
        for name in module.lessons:
            assert f'href="{module.id}/{name.replace(".ipynb", f".{lang}.ipynb")}"' in page
        assert f"{module.assignment}-{lang}" in page


def test_lessons_served_with_lang_open_in_that_language(monkeypatch):
    """Does `kit lessons --lang fr` (the command runs in French) give Voila's pages KIT_LANG=fr,
    and no KIT_LANG in English?"""
    from kit import i18n
    from kit.curriculum.serve import launch

    monkeypatch.delenv("KIT_LANG", raising=False)
    with i18n.use("fr"):
        assert launch(8999).env["KIT_LANG"] == "fr"
    assert "KIT_LANG" not in launch(8999).env

"""Checklist translations (issue #14): ``<framework>.<lang>.yaml`` checked and applied."""

from __future__ import annotations

import shutil

import pytest
import yaml
from factories import ministry
from repo import ROOT

from kit import framework_translation as ft
from kit.consolidation import consolidate
from kit.errors import KitError
from kit.framework import builtin_frameworks, load, load_framework

FIXTURES = ROOT / "tests" / "fixtures" / "frameworks"
MINI = FIXTURES / "mini.yaml"


def test_load_with_lang_gives_the_translated_texts():
    """Does ``load(..., lang="fr")`` give French titles, descriptors, scale, bands, cadres?"""
    english = load_framework(MINI)
    french = load(MINI, lang="fr")
    assert french.language == "fr" and english.language == "en"
    assert french.title == "Mini-cadre pour les tests calculés à la main"
    assert french.items["a.two"].title == "Deux"
    assert french.items["a.two"].levels[3] == "n3"
    assert french.area("b").title == "Domaine B"
    assert french.scale[4] == "institutionnalisé"
    assert [b.label for b in french.bands] == ["Faible", "Moyen", "Élevé"]
    assert french.cadres == {"officers": "Agents"}


def test_translation_changes_no_id_weight_or_rule():
    """Are ids, weights, paragraphs, rules and bands' thresholds those of the source?"""
    english, french = load_framework(MINI), load_framework(MINI, lang="fr")
    assert list(french.items) == list(english.items)
    for item_id, item in english.items.items():
        other = french.items[item_id]
        assert (other.weight, other.paragraphs, other.area_id, other.modules) == (
            item.weight,
            item.paragraphs,
            item.area_id,
            item.modules,
        )
    assert [a.rule for a in french.areas] == [a.rule for a in english.areas]
    assert [b.min for b in french.bands] == [b.min for b in english.bands]


def test_english_or_an_untranslated_language_gives_the_source():
    """Does English, or a language with no file, give the source texts unchanged?"""
    english = load_framework(MINI)
    assert load_framework(MINI, lang="en") == english
    assert load_framework(MINI, lang="es") == english


def test_answers_in_two_languages_consolidate_as_one():
    """Do a ministry that answered in French and one that answered in English score as one
    country (the answers are ids and levels; only the texts differ)?"""
    english, french = load_framework(MINI), load_framework(MINI, lang="fr")
    answers = [ministry("Intérieur", {"a.one": 2, "a.two": 3}), ministry("Health", {"a.one": 4})]
    assert consolidate(french, answers) == consolidate(english, answers)


def test_translation_files_are_not_frameworks_of_their_own():
    """Is ``gcim-2005.fr.yaml`` a translation, not a built-in framework called 'gcim-2005.fr'?"""
    assert all("." not in name for name in builtin_frameworks())


# -- the validator: one line naming the file and the place -----------------------------------


def _broken(tmp_path, change) -> str:
    """The message for the fixture changed by ``change(data)``."""
    shutil.copy(MINI, tmp_path / "mini.yaml")
    data = yaml.safe_load((FIXTURES / "mini.fr.yaml").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "mini.fr.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(KitError) as caught:
        load_framework(tmp_path / "mini.yaml", lang="fr")
    text = str(caught.value)
    assert "\n" not in text and "mini.fr.yaml" in text
    return text


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["areas"].pop("b"), "areas: missing 'b'"),
        (lambda d: d["areas"]["a"]["items"].pop("a.two"), "missing 'a.two'"),
        (lambda d: d["areas"]["a"]["items"].update({"a.four": {}}), "'a.four' is not in mini"),
        (lambda d: d["areas"].update({"c": {}}), "'c' is not in mini 0.1.0"),
        (lambda d: d["areas"]["a"]["items"]["a.one"].pop("recommendation"), "a.one"),
        (lambda d: d["areas"]["a"]["items"]["a.one"]["levels"].pop(4), "missing 4"),
        (lambda d: d["areas"]["a"]["items"]["a.one"]["levels"].update({5: "x"}), "5"),
        (lambda d: d["areas"]["a"]["items"]["a.one"].update(title=" "), "a.one' title"),
        (lambda d: d["areas"]["a"]["items"]["a.one"].update(evidence=["x"]), "1 evidence"),
        (lambda d: d.update(version="0.0.9"), "version '0.0.9'"),
        (lambda d: d.update(framework="gcim-2005"), "translates 'gcim-2005'"),
        (lambda d: d.update(language="es"), "the file name says 'fr'"),
        (lambda d: d.update(schema="x"), "schema"),
        (lambda d: d["scale"].pop(0), "scale: missing 0"),
        (lambda d: d["bands"].pop(50), "bands: missing 50"),
        (lambda d: d["cadres"].update(spies="Espions"), "'spies'"),
        (lambda d: d.pop("reviewed_by"), "reviewed_by"),
        (lambda d: d.update(modules={"m1": "Module un"}), "modules: missing 'm2'"),
        (lambda d: d.update(modules={"m1": "Un", "m2": " "}), "module 'm2'"),
        (lambda d: d.update(modules={"m1": "Un", "m2": "Deux", "m9": "X"}), "'m9' is not in"),
    ],
)
def test_a_faulty_translation_is_one_line_naming_the_place(tmp_path, change, expected):
    """Is each way a translation can fail to match its framework refused in one line that
    names the file and the area, item or field?"""
    assert expected in _broken(tmp_path, change)


def test_a_faulty_translation_is_named_in_spanish(tmp_path):
    """Is a translation's missing descriptor named in Spanish, the file and item id as written?"""
    from kit import i18n

    def change(d):
        d["areas"]["a"]["items"]["a.one"]["levels"][2] = " "

    with i18n.use("es"):
        text = _broken(tmp_path, change)
    assert text.endswith("mini.fr.yaml: elemento «a.one», nivel 2: falta el texto traducido")


# -- the real translation files (written by the translators) ---------------------------------

TRANSLATIONS = sorted((ROOT / "kit" / "frameworks").glob("*.*.yaml"))


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.name)
def test_every_item_has_every_translated_field(path):
    """Does each translation file shipped give every area and item of its framework every
    translated field (title, recommendation, five descriptors, each evidence prompt), in a
    language the kit speaks?"""
    framework_id, lang = path.name.split(".")[:2]
    source = load_framework(framework_id)
    translated = load_framework(framework_id, lang=lang)  # raises on any fault
    assert translated.language == lang
    for item_id, item in source.items.items():
        other = translated.items[item_id]
        assert other.title and other.recommendation
        assert len(other.evidence) == len(item.evidence)
        assert set(other.levels) == set(item.levels)
    # Something was translated: not a copy of the English file.
    changed = sum(translated.items[i].title != item.title for i, item in source.items.items())
    assert changed >= len(source.items) // 2


def test_translations_are_listed_for_a_framework():
    """Does ``languages`` list the source language and each translation file found?"""
    mini = load_framework(MINI)
    assert ft.languages(mini) == ["en", "fr"]


def test_a_translation_may_cite_the_source_in_its_language():
    """Does a translation's optional ``source`` replace the citation, and the English one stay
    when it gives none?"""
    spanish = load_framework("gcim-2005", lang="es")
    assert spanish.source.startswith("Comisión Mundial sobre las Migraciones Internacionales")
    assert load_framework(MINI, lang="fr").source == load_framework(MINI).source

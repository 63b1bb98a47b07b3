"""Do a translated lesson's checks answer in its language, reading and showing numbers its way?"""

from __future__ import annotations

import pytest

from kit import teaching


@pytest.fixture
def french():
    """The checks in French, as a .fr.ipynb lesson's setup cell makes them; English after."""
    teaching.setup(lang="fr")
    yield
    teaching.use_language("en")


def test_a_choice_check_in_french_answers_in_french(french):
    """In a French lesson, do the button, "Not quite", "Correct" and "Show the answer" read in
    French (and never in English)?"""
    box = teaching.choice_check("Quelle ville ?", ["Genève", "Paris"], "Genève", "Le siège.")
    assert box.button.description == "Vérifier"
    box.check()
    assert "Choisissez" in box.feedback.value
    box.children[1].value = "Paris"
    box.check()
    assert "Pas tout à fait" in box.feedback.value and "Not quite" not in box.feedback.value
    box.check()
    assert box.show_answer_button.description == "Afficher la réponse"
    box.show_answer()
    assert "La réponse est <b>Genève</b>." in box.feedback.value
    box.children[1].value = "Genève"
    box.check()
    assert "Correct." in box.feedback.value and "Le siège." in box.feedback.value


def test_a_number_check_in_french_reads_a_decimal_comma_first_and_shows_one(french):
    """Is "1,250" read as 1,25 first in French (so "too high" for 1.2), and is the answer shown
    as French writes numbers (1 250 000,5)?"""
    box = teaching.number_check("Combien ?", 1.2, tolerance=0.01)
    box.entry.value = "1,250"
    assert "trop élevé" in box.feedback.value
    big = teaching.number_check("Combien ?", 1250000.5)
    big.show_answer()
    assert "1\u202f250\u202f000,5" in big.feedback.value


def test_the_same_entry_in_english_reads_thousands_first():
    """In an English lesson, is "1,250" read as 1250 first (too high for 1.2), in English?"""
    teaching.use_language("en")
    box = teaching.number_check("How many?", 1.2, tolerance=0.01)
    box.entry.value = "1,250"
    assert "Not quite: too high." in box.feedback.value


def test_arabic_indic_digits_are_read():
    """Are numbers typed with Arabic-Indic digits and the Arabic decimal mark read?"""
    assert teaching.number_readings("٤١٫٧") == [41.7]
    assert teaching.number_readings("١٢٠٠") == [1200.0]


def test_an_unknown_language_is_refused():
    """Does a lesson asking for a language the kit lacks fail plainly?"""
    with pytest.raises(ValueError, match="language must be one of"):
        teaching.use_language("xx")


def test_the_hand_in_button_of_a_french_set_speaks_french(tmp_path, monkeypatch):
    """Does a French graded set's Download submission box ask for the name in French?"""
    monkeypatch.chdir(tmp_path)
    try:
        box = teaching.submission_download("01-x-fr", lang="fr")
        box.prepare()
        assert box.button.description == "Télécharger la copie"
        assert "Saisissez" in box.result.value
    finally:
        teaching.use_language("en")

"""`kit validate` / `kit reopen` and the review and action-plan files speak the chosen language
(issue #14): the fault in words of the language, file names, ids and statuses as written."""

from __future__ import annotations

import shutil

from repo import SAMPLE

from kit import i18n
from kit.cli import main
from kit.errors import Conflict, KitError
from kit.io.actions import parse_actions
from kit.io.review import Comment, save_changes

REVIEW_HEAD = "id,item_id,ministry,reviewer,comment,response,status,version,updated\n"


def _round(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE / "utopia" / "2025", data / "utopia" / "2025")
    return data, data / "utopia" / "2025"


def _validate(data, lang):
    return main(
        ["validate", str(data), "--country", "utopia", "--round", "2025", "--by", "A. Kim"]
        + ["--lang", lang]
    )


def test_validate_with_an_open_comment_is_refused_in_french(tmp_path, capsys):
    """Does `kit validate --lang fr` refuse a round with an open review comment in French,
    naming the comment, its item and reviewer as written, and write no record?"""
    data, folder = _round(tmp_path)
    (folder / "review.csv").write_text(
        REVIEW_HEAD + "c1,objectives.asylum,,B. Diallo,Source?,,open,1,\n", encoding="utf-8"
    )
    assert _validate(data, "fr") == 2
    err = capsys.readouterr().err
    assert err == (
        f"kit : erreur : {folder / 'review.csv'}: 1 commentaire(s) d’examen encore ouvert(s) : "
        "c1 sur objectives.asylum par B. Diallo\n"
    )
    assert not (folder / "validation.json").exists()


def test_a_bad_review_row_is_named_in_spanish(tmp_path, capsys):
    """Is a review file's bad status reported in Spanish, the row and the status as written?"""
    data, folder = _round(tmp_path)
    (folder / "review.csv").write_text(
        REVIEW_HEAD + "c1,objectives.asylum,,B. Diallo,Source?,,maybe,1,\n", encoding="utf-8"
    )
    assert _validate(data, "es") == 2
    err = capsys.readouterr().err
    assert err.startswith("kit: error: ") and err.count("\n") == 1
    assert "review.csv: fila 2: el estado «maybe» no es uno de: open, answered, accepted" in err


def test_validate_then_reopen_speak_arabic_and_a_second_validation_is_refused(tmp_path, capsys):
    """Does a validation succeed, and is validating it again refused in Arabic, naming who
    validated it?"""
    data, _folder = _round(tmp_path)
    assert _validate(data, "ar") == 0
    capsys.readouterr()
    assert _validate(data, "ar") == 2
    err = capsys.readouterr().err
    assert err.startswith("kit: خطأ: سبق أن اعتمدها A. Kim في ")


def test_a_comment_changed_elsewhere_is_a_conflict_in_any_language(tmp_path):
    """Is a stale comment refused as a Conflict (a service answers 409 by its type) with a
    message in the current language?"""
    path = tmp_path / "review.csv"
    first = Comment(id="c1", item_id="objectives.asylum", reviewer="B. Diallo", comment="?")
    save_changes(path, [first])
    save_changes(path, [first])  # the file now holds version 2; `first` still says 1
    with i18n.use("fr"):
        try:
            save_changes(path, [first])
        except Conflict as exc:
            assert "a été modifié ailleurs (par B. Diallo" in str(exc)
        else:
            raise AssertionError("a stale comment was saved")


def test_an_action_plan_fault_is_french(tmp_path):
    """Does a bad action-plan row read with French chosen say so in French, row as a number?"""
    text = "id,item_id,to_level,action,owner,due,status\na1,objectives.asylum,9,Train,,,planned\n"
    with i18n.use("fr"):
        try:
            parse_actions(text.encode(), "actions.csv")
        except KitError as exc:
            assert str(exc) == "actions.csv: ligne 2: to_level 9 est hors de 1-4"
        else:
            raise AssertionError("a level of 9 was accepted")

"""`kit course ...` speaks the chosen language (issue #14): its status lines and its errors,
with folder names, module ids and official's names as written."""

from __future__ import annotations

import pytest

from kit import i18n
from kit.cli import main
from kit.course.roster import load_roster
from kit.errors import KitError


def test_course_init_refuses_an_unknown_module_in_french(tmp_path, capsys):
    """Does `kit course init --lang fr` with an unknown module say so in French, naming the
    module, and create nothing?"""
    target = tmp_path / "course"
    argv = ["course", "init", str(target), "--modules", "99-nothing", "--lang", "fr"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("kit : erreur : 99-nothing : module inexistant (modules connus : ")
    assert err.count("\n") == 1
    assert not target.exists()


def test_course_init_reports_in_spanish(tmp_path, capsys):
    """Does a successful `kit course init --lang es` report the course and the next step in
    Spanish?"""
    target = tmp_path / "course"
    assert main(["course", "init", str(target), "--course-id", "c1", "--lang", "es"]) == 0
    err = capsys.readouterr().err
    assert f"curso c1 en {target}: " in err and "series de ejercicios" in err
    assert f"a continuación: cd {target} && kit course build" in err


def test_a_roster_row_fault_is_arabic(tmp_path):
    """Is a roster row without a student id named in Arabic, file and row number as written?"""
    roster = tmp_path / "roster.csv"
    roster.write_text("student,name\n,Amina\n", encoding="utf-8")
    with i18n.use("ar"):
        with pytest.raises(KitError) as caught:
            load_roster(roster)
        assert str(caught.value) == f"{roster}: الصف 2: معرّف المتدرب مفقود"


def test_a_folder_that_is_not_a_course_is_named_in_french(tmp_path, capsys):
    """Does `kit course status --lang fr` in a folder with no course say so in French, the
    folder and the config file named as they are?"""
    assert main(["course", "status", "--dir", str(tmp_path), "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"kit : erreur : {tmp_path.resolve()}: n’est pas un dossier de cours (pas de "
        "nbgrader_config.py) ; lancez d’abord `kit course init DIR` ou indiquez --dir DIR\n"
    )


def test_kit_verify_refuses_a_missing_credential_in_french(tmp_path, capsys):
    """Does `kit verify --lang fr` name a missing credential file in French?"""
    missing = tmp_path / "official.jwt"
    assert main(["verify", str(missing), "--lang", "fr"]) == 2
    assert capsys.readouterr().err == (
        f"kit : erreur : {missing}: fichier d’attestation introuvable\n"
    )


def test_a_bad_headcount_is_refused_in_spanish():
    """Is `--headcount` with an unknown cadre refused in Spanish, the value as typed?"""
    from kit.course.evidence import parse_headcounts

    with i18n.use("es"):
        with pytest.raises(KitError) as caught:
            parse_headcounts(["spies=3"], {"border-guards": "Border guards"})
        assert str(caught.value) == (
            "--headcount spies=3: categoría de personal desconocida «spies» (conocidas: "
            "border-guards)"
        )


def test_an_lms_export_with_the_wrong_suffix_is_refused_in_french(tmp_path):
    """Is an LMS export whose --out does not match --format refused in French, the file and
    both suffixes as typed?"""
    from kit.course.lms.commands import check_out

    out = tmp_path / "grades.txt"
    with i18n.use("fr"):
        with pytest.raises(KitError) as caught:
            check_out(out, "csv", ".csv")
        assert str(caught.value) == (
            f"{out}: --format csv écrit un fichier .csv, mais --out se termine par « .txt »"
        )


def test_revoking_an_unknown_credential_is_refused_in_arabic(tmp_path):
    """Is revoking a credential nobody was issued refused in Arabic, the id as typed?"""
    from kit.course.lms.revocations import ISSUED, revoke

    with i18n.use("ar"):
        with pytest.raises(KitError) as caught:
            revoke(tmp_path, "nobody", "test")
        assert str(caught.value) == (
            f"{tmp_path / ISSUED}: لم تُصدَر أي شهادة لـ«nobody» أو بهذا المعرّف"
        )


def test_a_damaged_list_of_held_grades_is_named_in_spanish(tmp_path):
    """Is a damaged list of held (exam) grades named in Spanish, with the fix?"""
    from kit.course.ongrade import HOLD_FILE, held

    path = tmp_path / HOLD_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[1, 2]", encoding="utf-8")
    with i18n.use("es"):
        with pytest.raises(KitError) as caught:
            held(tmp_path)
        assert str(caught.value) == (
            f"{path}: no es la lista de calificaciones retenidas del kit; elimínela y vuelva a "
            "retenerlas"
        )

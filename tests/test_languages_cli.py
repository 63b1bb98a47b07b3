"""The self-assessment's commands in the officials' languages (issue #14): --lang and KIT_LANG,
and answers given in different languages consolidated as one."""

from __future__ import annotations

import io
import re
import shutil

import openpyxl
import pytest
from repo import SAMPLE

from kit import i18n
from kit.cli import main
from kit.framework import load_framework
from kit.io.formats import load_responses, save_responses
from kit.io.xlsx import template_xlsx

ROUND = SAMPLE / "utopia" / "2025"
FILES = sorted(ROUND.glob("*.csv"))


def test_checklist_markdown_in_spanish(capsys):
    """Does `kit checklist --format md --lang es` print the checklist in Spanish: its titles,
    descriptors and headings, ids unchanged?"""
    assert main(["checklist", "--format", "md", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    spanish = load_framework("gcim-2005", lang="es")
    assert out.startswith(f"# {spanish.title}\n")
    assert "Marco `gcim-2005`, versión 2.0.0." in out
    item = spanish.items["objectives.development"]
    assert f"### `objectives.development` {item.title}" in out
    assert item.levels[3] in out and "Evidencias: " in out
    assert "Migration in development planning" not in out  # the English title


def test_checklist_markdown_in_spanish_names_modules_and_source_in_spanish(capsys):
    """Does the Spanish checklist list the curriculum modules under their Spanish titles and
    cite the source in Spanish, with no English module title or citation left?"""
    assert main(["checklist", "--format", "md", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert "Módulos: Formulación de políticas\n" in out
    assert "Gestión de fronteras" in out
    assert "Fuente: Comisión Mundial sobre las Migraciones Internacionales (2005)." in out
    english = load_framework("gcim-2005")
    for title in english.modules.values():
        assert title not in out
    assert english.source not in out


def test_kit_lang_gives_the_language_when_no_option_does(capsys, monkeypatch):
    """Does $KIT_LANG choose the language, and --lang win over it?"""
    monkeypatch.setenv("KIT_LANG", "fr")
    assert main(["checklist", "--format", "md"]) == 0
    assert "Cadre `gcim-2005`, version 2.0.0." in capsys.readouterr().out
    assert main(["checklist", "--format", "md", "--lang", "en"]) == 0
    assert "Framework `gcim-2005` version 2.0.0." in capsys.readouterr().out


def test_assess_writes_a_french_report(tmp_path, capsys):
    """Does `kit assess ... --lang fr --out report.html` write the report in French, with
    decimal commas, and say so on the terminal in French?"""
    out = tmp_path / "report.html"
    assert main(["assess", *map(str, FILES), "--lang", "fr", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in page
    assert "Note globale" in page and "Overall score" not in page
    overall = re.search(r'id="overall-percent">([^<]+)<', page).group(1)
    assert re.fullmatch(r"\d+,\d\u00a0%", overall), overall
    french = load_framework("gcim-2005", lang="fr")
    assert french.items["objectives.development"].title in page
    assert "note globale" in capsys.readouterr().err


def test_assess_in_arabic_is_right_to_left_with_numbers_left_to_right(tmp_path):
    """Is the Arabic report an RTL page whose scores, levels and ids stay left to right?"""
    out = tmp_path / "report.html"
    assert main(["assess", *map(str, FILES), "--lang", "ar", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    assert 'dir="ltr" id="overall-percent"' in page
    assert "الدرجة الإجمالية" in page
    assert 'class="bars" font-size="13" direction="ltr"' in page


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_other_report_formats_take_the_language(tmp_path, suffix):
    """Do the Excel and PDF reports come out in the chosen language (Excel sheets mirrored in
    Arabic)?"""
    out = tmp_path / f"report{suffix}"
    assert main(["assess", *map(str, FILES), "--lang", "ar", "--out", str(out)]) == 0
    if suffix == ".xlsx":
        wb = openpyxl.load_workbook(out)
        assert wb.sheetnames[0] == "الملخص"
        assert all(ws.sheet_view.rightToLeft for ws in wb.worksheets)
    else:
        assert out.read_bytes().startswith(b"%PDF")


def test_an_unknown_language_is_one_line(capsys):
    """Is `--lang de` refused in one line, exit 2, naming the languages?"""
    assert main(["checklist", "--lang", "de"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'de'" in err and "fr" in err


def test_errors_come_in_the_chosen_language(tmp_path, capsys):
    """Is a command's error message in the language chosen?"""
    assert main(["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o"), "--lang", "es"])
    assert "no se encuentra la carpeta de datos" in capsys.readouterr().err


def test_an_error_line_is_french_around_the_file_name_and_item_id(tmp_path, capsys):
    """Does a faulty response file, assessed with --lang fr, give a one-line error whose prefix,
    place words and fault are French while the file name and the item id stay as written?"""
    bad = tmp_path / "interior.csv"
    lines = FILES[0].read_text(encoding="utf-8").splitlines(keepends=True)
    header, first = lines[0], lines[1].split(",")
    first[header.split(",").index("level")] = "7"
    bad.write_text(header + ",".join(first), encoding="utf-8")
    item = first[header.split(",").index("item_id")]
    assert main(["assess", str(bad), "--out", str(tmp_path / "r.html"), "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err == f"kit : erreur : {bad}: ligne 2 ({item}): le niveau 7 est hors de 0-4\n"
    assert not (tmp_path / "r.html").exists()


def test_a_faulty_framework_file_is_named_in_french(tmp_path, capsys):
    """Does `kit checklist --framework FILE --lang fr` name a framework file's fault in French
    (the place and the fault), with the file name and the item id as written?"""
    import yaml
    from repo import ROOT

    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "frameworks" / "mini.yaml").read_text())
    item = data["areas"][0]["items"][0]
    del item["levels"][4]
    bad = tmp_path / "mini.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["checklist", "--framework", str(bad), "--lang", "fr"]) == 2
    assert capsys.readouterr().err == (
        f"kit : erreur : {bad}: élément « {item['id']} » : descripteur manquant pour le niveau 4\n"
    )


def test_an_unreadable_spreadsheet_is_refused_in_french_with_the_fix(tmp_path, capsys):
    """Does `kit assess old.xls --lang fr` say in French that the kind of file cannot be read
    and what to save it as?"""
    old = tmp_path / "interior.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert main(["assess", str(old), "--out", str(tmp_path / "r.html"), "--lang", "fr"]) == 2
    assert capsys.readouterr().err == (
        f"kit : erreur : {old}: un classeur Excel 97-2003 ne peut pas être lu ; enregistrez-le "
        "en classeur Excel (.xlsx), OpenDocument (.ods) ou CSV UTF-8 (.csv)\n"
    )


def test_batch_speaks_the_language_in_its_workers(tmp_path, capsys):
    """Does `kit batch --lang es` write Spanish reports from its worker processes and a Spanish
    summary line?"""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    out = tmp_path / "out"
    assert main(["batch", str(data), "--out", str(out), "--workers", "2", "--lang", "es"]) == 0
    (report,) = out.glob("*.html")
    assert '<html lang="es" dir="ltr">' in report.read_text(encoding="utf-8")
    assert "países procesados" in capsys.readouterr().err


def test_ministries_answering_in_french_and_arabic_consolidate_as_one(tmp_path):
    """Do a ministry that answered on a French template and one that answered on an Arabic
    Excel template (titles in their languages) consolidate into one report, with exactly the
    scores of the same answers given in English?"""
    english = load_framework("gcim-2005")
    interior, labour = (load_responses(p, english) for p in FILES[:2])
    folder = tmp_path / "utopia" / "2025"
    folder.mkdir(parents=True)
    # French: the CSV the dashboard saves with the French checklist (title column in French).
    save_responses(interior, folder / "interieur.csv", load_framework("gcim-2005", lang="fr"))
    assert "Les migrations dans la planification" in (folder / "interieur.csv").read_text("utf-8")
    # Arabic: the Excel template written in Arabic, filled in as a ministry would.
    with i18n.use("ar"):
        data = template_xlsx(
            load_framework("gcim-2005", lang="ar"), "يوتوبيا", "وزارة العمل", "2025"
        )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    sheet = wb["Responses"]
    for row in sheet.iter_rows(min_row=2):
        answer = labour.answer(row[0].value)
        row[3].value = answer.label or None
        row[4].value = answer.na_reason or None
        row[5].value = answer.evidence or None
    about = wb["About"]
    for row in about.iter_rows():
        if row[0].value == "country":
            row[1].value = interior.country  # the country as the other file names it
    wb.save(folder / "amal.xlsx")

    out = tmp_path / "report.html"
    files = [str(folder / "interieur.csv"), str(folder / "amal.xlsx")]
    assert main(["assess", *files, "--lang", "fr", "--out", str(out)]) == 0
    both = tmp_path / "both.json"
    assert main(["assess", *files, "--out", str(both)]) == 0
    alone = tmp_path / "english.json"
    assert main(["assess", *map(str, FILES[:2]), "--out", str(alone)]) == 0
    import json

    mixed, plain = json.loads(both.read_text()), json.loads(alone.read_text())
    assert mixed["ministries"] == [interior.ministry, "وزارة العمل"]
    assert mixed["consolidated"] == plain["consolidated"]
    # Coherence is keyed by ministry name: the Arabic name stands for the ministry here.
    assert mixed["coherence"]["overall"] == plain["coherence"]["overall"]
    assert mixed["coherence"]["areas"] == plain["coherence"]["areas"]
    for item_id, c in plain["coherence"]["items"].items():
        other = mixed["coherence"]["items"][item_id]
        assert sorted(other["levels"].values()) == sorted(c["levels"].values())
    page = out.read_text(encoding="utf-8")
    assert "وزارة العمل" in page and interior.ministry in page

"""What `kit course`, `kit pack` and the LMS commands print speaks the chosen language (issue
#14): the status table (aligned whatever the headers' length), the certificates, credentials
and evidence lines, the pack's release errors and the grade push's reasons; ids, file names
and nbgrader's own words as written."""

from __future__ import annotations

import re
import socket

import pytest
import yaml

from kit import i18n
from kit.cli import main
from kit.errors import KitError
from kit.textcolumns import aligned, text_width


def right_edges(header: str, words: list[str]) -> list[int]:
    """Where each header word ends in the header line (searched left to right)."""
    edges, start = [], 0
    for word in words:
        start = header.index(word, start) + len(word)
        edges.append(start)
    return edges


def test_status_of_a_graded_course_is_french_and_aligned(graded_course, capsys):
    """Does `kit course status --lang fr` on a really graded course print its first line and
    headers in French, `oui` for a built set, the mean with a French percent sign, and every
    value ending exactly under the end of its (longer, translated) header?"""
    root, name = graded_course.root, graded_course.assignment
    assert main(["course", "status", "--dir", str(root), "--lang", "fr"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"cours {graded_course.course_id} dans {root}"
    header, row = lines[1], next(line for line in lines[2:] if line.startswith(name))
    assert header.startswith("série d’exercices ")
    words = ["construite", "remises", "noté", "retours", "moyenne"]
    edges = right_edges(header, words)
    # The first column is as wide as its widest text, the assignment id or the header.
    assert header.index("construite") == max(len(name), len("série d’exercices")) + 1
    for edge in edges:
        assert row[edge - 1] != " " and (edge == len(row) or row[edge] == " "), (header, row)
    cells = re.split(r" {1,}(?=\S)", row[len(name) :].strip())
    assert cells[0] == "oui" and cells[1] == str(len(graded_course.shares))
    assert re.fullmatch(r"\d+\s%", row[edges[-2] + 1 :].strip()), row


def test_columns_follow_the_width_of_arabic_and_chinese_text():
    """Do columns stay aligned when a cell has Arabic combining marks (no width) or Chinese
    characters (two columns each), as a terminal shows them?"""
    lines = aligned([["مُسلَّم", "中文"], ["abc", "1"], ["abcdefg", "12345"]])
    assert [text_width(line) for line in lines] == [13, 13, 13]
    assert lines[1] == "abc" + " " * 9 + "1"
    assert text_width("مُسلَّم") == 4 and text_width("中文") == 4


def test_certificates_credentials_and_evidence_lines_in_french(graded_course, tmp_path, capsys):
    """On a graded course, do `kit course certificates --lang fr` (with credentials) and
    `kit course evidence --lang fr` print their summary lines in French, while the response file
    keeps its evidence in English (response files stay language-neutral)?"""
    pytest.importorskip("jwt")
    pytest.importorskip("segno")
    root = graded_course.root
    out = tmp_path / "print"
    argv = ["course", "certificates", "--pass-mark", "50", "--out", str(out), "--dir", str(root)]
    assert main([*argv, "--lang", "fr"]) == 0
    err = capsys.readouterr().err
    signed = len(list((out / "credentials").glob("*.jwt")))
    assert f"kit : {signed} attestations signées dans {out / 'credentials'}" in err
    assert f" ; publiez {out / 'issuer-jwks.json'}" in err
    assert re.search(r"^\d+ agents sur 5 ont réussi : .+ ; imprimez ", err, re.M), err
    assert err.rstrip().endswith(str(out / "certificates.html"))

    answers = tmp_path / "responses.yaml"
    argv = ["course", "evidence", "--roster", str(root / "roster.csv"), "--pass-mark", "50"]
    argv += ["--headcount", "border-guards=10", "--country", "Utopia", "--ministry", "Interior"]
    argv += ["--round", "2026", "--out", str(answers), "--dir", str(root), "--lang", "fr"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert re.fullmatch(
        r"capacity\.trained_cadre : niveau \d écrit dans "
        + re.escape(str(answers))
        + r" \(Résultats du cours \(note de réussite 50 %\) : border-guards : \d+ certifiés sur "
        r"10 agents \(\d+\s%\)\)\n",
        err,
    ), err
    evidence = yaml.safe_load(answers.read_text())["answers"][0]["evidence"]
    assert evidence.startswith("Course results (pass mark 50%): border-guards: ")


def test_a_missing_graded_set_is_named_in_french(tmp_path):
    """Does the pack's release step refuse a graded set that is not in the course in French,
    naming the folder and the notebook as written?"""
    from kit.pack.release import release_notebook

    course = tmp_path / "assessment"
    with i18n.use("fr"):
        with pytest.raises(KitError) as caught:
            release_notebook(course, "05-cooperation-fr", tmp_path)
        assert str(caught.value) == (
            f"{course / 'source' / '05-cooperation-fr'}: pas de série notée 05-cooperation-fr.ipynb"
        )


def test_a_failed_release_is_spanish_around_nbgrader_s_own_words(tmp_path):
    """When real `nbgrader generate_assignment` fails on a damaged notebook, is the error
    Spanish around nbgrader's own (English) last line?"""
    from kit.pack.release import release_notebook
    from kit.paths import assessment_dir

    course = tmp_path / "assessment"
    (course / "source" / "broken").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        (assessment_dir() / "nbgrader_config.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (course / "source" / "broken" / "broken.ipynb").write_text("{not json", encoding="utf-8")
    with i18n.use("es"):
        with pytest.raises(KitError) as caught:
            release_notebook(course, "broken", tmp_path)
    text = str(caught.value)
    assert text.startswith(f"{course / 'source' / 'broken'}: nbgrader generate_assignment falló: ")
    assert "\n" not in text


def test_a_changed_credential_is_refused_in_spanish(tmp_path, capsys):
    """Is a credential changed after signing refused by `kit verify --lang es` in Spanish, and
    is the signing line of its issue in Spanish too?"""
    pytest.importorskip("jwt")
    pytest.importorskip("segno")
    from test_lms_badges import MODULE, cohort, options

    from kit.course.certificates import certificate_page
    from kit.course.lms.issue import badge_issuer

    root, out = tmp_path / "course", tmp_path / "course" / "certificates"
    root.mkdir()
    with i18n.use("es"):
        certificate_page(cohort(), 60, {}, issue=badge_issuer(root, out, options()))
    err = capsys.readouterr().err
    assert err.startswith(f"kit: 1 credenciales firmadas en {out / 'credentials'}")
    token = (out / "credentials" / f"amina--{MODULE}.jwt").read_text()
    head, body, sig = token.split(".")
    changed = tmp_path / "changed.jwt"
    changed.write_text(
        ".".join([head, body[:40] + ("A" if body[40] != "A" else "B") + body[41:], sig])
    )
    argv = ["verify", str(changed), "--jwks", str(out / "issuer-jwks.json"), "--lang", "es"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"kit: error: {changed}: rechazada: la firma no coincide: la credencial se modificó "
        "después de firmarse\n"
    )


def test_an_unreachable_platform_is_named_in_spanish(tmp_path):
    """When the platform cannot be reached, does the grade push give each official's reason in
    Spanish, the address as written?"""
    pytest.importorskip("jwt")
    from platform_double import rsa_pair

    from kit.course.lms import ags

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    key, _public = rsa_pair(tmp_path)
    url = f"http://127.0.0.1:{port}/token"
    config = ags.LtiConfig("tool", url, f"http://127.0.0.1:{port}/lineitems", key)
    with i18n.use("es"):
        outcome = ags.push(
            config, "05-cooperation", "Cooperación", 10.0, {"amina": ("u1", 5, False)}
        )
    assert outcome.failed["amina"].startswith(f"no se puede contactar con {url} (")
    assert not outcome.sent


def test_status_headers_are_translated_in_every_catalogue():
    """Is each header of the status table translated in every language (not left English), so
    no translated table mixes in an English column?"""
    headers = ["assignment", "built", "submitted", "graded", "feedback", "mean", "yes"]
    for lang in i18n.LANGUAGES:
        if lang == i18n.SOURCE_LANGUAGE:
            continue
        assert all(i18n.gettext("kit", h, lang) != h for h in headers), lang

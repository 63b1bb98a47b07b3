"""Bad input: exit code 2, one line naming the file, row or item and the fault, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from factories import FIXTURES

from kit.cli import main
from kit.io.xlsx import template_xlsx

HEADER = "framework,country,ministry,round,item_id,level,na_reason,evidence,comment\n"


def csv_file(tmp_path: Path, *rows: str, name: str = "interior.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def row(item: str, level: str, reason: str = "", country: str = "Mini") -> str:
    return f"mini,{country},Interior,2025,{item},{level},{reason},,"


def mini_framework_with(tmp_path: Path, change) -> Path:
    data = yaml.safe_load((FIXTURES / "frameworks" / "mini.yaml").read_text())
    change(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def old_template(tmp_path: Path, mini) -> Path:
    from openpyxl import load_workbook

    path = tmp_path / "old.xlsx"
    path.write_bytes(template_xlsx(mini, "Mini", "Interior", "2025"))
    wb = load_workbook(path)
    wb["About"]["B2"] = "kit-template/0"
    wb.save(path)
    return path


def drop_descriptor(data) -> None:
    del data["areas"][0]["items"][1]["levels"][3]


CASES = {
    "unknown item id": (
        lambda t, m: [csv_file(t, row("a.one", "2"), row("a.nine", "1"))],
        "interior.csv: row 3: unknown item id 'a.nine'",
    ),
    "level outside 0-4": (
        lambda t, m: [csv_file(t, row("a.one", "7"))],
        "interior.csv: row 2 (a.one): level 7 is outside 0-4",
    ),
    "level that is not a level": (
        lambda t, m: [csv_file(t, row("a.one", "high"))],
        "interior.csv: row 2 (a.one): level 'high' is not 0-4, N/A or don't know",
    ),
    "N/A without a reason": (
        lambda t, m: [csv_file(t, row("a.one", "2"), row("a.two", "N/A"))],
        "interior.csv: row 3 (a.two): N/A needs a reason in na_reason",
    ),
    "missing column": (
        lambda t, m: [
            csv_file(
                t,
                "mini,Mini,Interior,2025,a.one",
                header="framework,country,ministry,round,item_id\n",
            )
        ],
        "interior.csv: missing column 'level'",
    ),
    "duplicate item": (
        lambda t, m: [csv_file(t, row("a.one", "2"), row("a.two", "1"), row("a.one", "3"))],
        "interior.csv: row 4: duplicate item 'a.one' (first at row 2)",
    ),
    "empty file": (
        lambda t, m: [csv_file(t, header="")],
        "interior.csv: empty file",
    ),
    "header only": (
        lambda t, m: [csv_file(t)],
        "interior.csv: no answers in the file",
    ),
    "neither UTF-8 nor Windows-1252 text": (
        lambda t, m: [_not_text(t)],
        "interior.csv: not UTF-8 text (byte 0x81",
    ),
    "malformed YAML": (
        lambda t, m: [_write(t, "interior.yaml", "framework: mini\nanswers: [\n  - item: a.one\n")],
        "interior.yaml: line 3: malformed YAML",
    ),
    "malformed JSON": (
        lambda t, m: [_write(t, "interior.json", '{"framework": "mini",\n "answers": [}')],
        "interior.json: line 2: malformed JSON",
    ),
    "Excel template of another version": (
        lambda t, m: [old_template(t, m)],
        "old.xlsx: template version 'kit-template/0' is not kit-template/1",
    ),
    "a file that is not Excel": (
        lambda t, m: [_write(t, "fake.xlsx", "this is not a workbook")],
        "fake.xlsx: not a readable Excel .xlsx file",
    ),
    "countries mixed in one run": (
        lambda t, m: [
            csv_file(t, row("a.one", "2")),
            csv_file(t, row("a.one", "2", country="Elsewhere"), name="labour.csv"),
        ],
        "labour.csv: country 'Elsewhere' differs from 'Mini'",
    ),
    "two countries inside one file": (
        lambda t, m: [csv_file(t, row("a.one", "2"), row("a.two", "2", country="Elsewhere"))],
        "interior.csv: row 3: country 'Elsewhere' differs from 'Mini'",
    ),
    "file of another framework": (
        lambda t, m: [csv_file(t, "gcim-2005,Mini,Interior,2025,a.one,2,,,")],
        "interior.csv: answers framework 'gcim-2005', but this run uses 'mini'",
    ),
    "missing response file": (
        lambda t, m: [t / "nowhere.csv"],
        "nowhere.csv: response file not found",
    ),
}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _not_text(tmp_path: Path) -> Path:
    # 0x81 is undefined in Windows-1252 and starts no UTF-8 character: no fallback applies.
    path = tmp_path / "interior.csv"
    path.write_bytes(HEADER.encode() + b"mini,Mini,Int\x81rieur,2025,a.one,2,,,\n")
    return path


@pytest.mark.parametrize("case", list(CASES))
def test_bad_response_file_gets_one_line_and_exit_2(case, mini, tmp_path, capsys):
    """Does each bad response file stop the run with code 2, one clear line, and no report?"""
    make, expected = CASES[case]
    files = make(tmp_path, mini)
    out = tmp_path / "report.html"
    framework = str(FIXTURES / "frameworks" / "mini.yaml")
    code = main(["assess", *map(str, files), "--framework", framework, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1, err
    assert expected in err
    assert "Traceback" not in err
    assert not out.exists()
    assert not list(tmp_path.glob(".report.html.*")), "a temporary file was left behind"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (drop_descriptor, "item 'a.two': missing descriptor for level 3"),
        (
            lambda d: d["areas"][0]["items"].append(dict(d["areas"][0]["items"][0])),
            "item 'a.one': duplicate item id",
        ),
        (
            lambda d: d["areas"][1].update(rule="average"),
            "area 'b': rule 'average' is not one of mean, weakest_link",
        ),
        (lambda d: d["bands"].reverse(), "bands: the first band must start at min 0"),
        (
            lambda d: d["areas"][0]["items"][0].update(modules=["m9"]),
            "item 'a.one': module 'm9' is not in the framework's modules list",
        ),
        (lambda d: d.update(schema="other/2"), "schema: expected 'kit-framework/1'"),
    ],
)
def test_bad_framework_file_is_named_with_its_fault(change, expected, tmp_path, capsys):
    """Is a broken framework file refused with the item and the fault named?"""
    path = mini_framework_with(tmp_path, change)
    code = main(["checklist", "--framework", str(path), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert f"broken.yaml: {expected}" in captured.err
    assert captured.err.count("\n") == 1


def test_malformed_framework_yaml(tmp_path, capsys):
    """Is a framework file that is not YAML refused with its line number?"""
    path = _write(tmp_path, "broken.yaml", "schema: kit-framework/1\nareas: [\n")
    assert main(["checklist", "--framework", str(path)]) == 2
    assert "broken.yaml: line 3: malformed YAML" in capsys.readouterr().err


def test_earlier_report_survives_a_failed_run(mini, tmp_path, capsys):
    """When a run fails, is the report from the earlier good run left exactly as it was?"""
    framework = str(FIXTURES / "frameworks" / "mini.yaml")
    good = csv_file(tmp_path, row("a.one", "2"), name="good.csv")
    out = tmp_path / "report.json"
    assert main(["assess", str(good), "--framework", framework, "--out", str(out)]) == 0
    before = out.read_bytes()
    bad = csv_file(tmp_path, row("a.one", "9"), name="bad.csv")
    assert main(["assess", str(bad), "--framework", framework, "--out", str(out)]) == 2
    assert out.read_bytes() == before
    capsys.readouterr()


def test_console_script_prints_no_traceback(tmp_path):
    """Run as a real process, does bad input give exit code 2 and a single stderr line?"""
    bad = csv_file(tmp_path, row("a.one", "5"))
    framework = str(FIXTURES / "frameworks" / "mini.yaml")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kit",
            "assess",
            str(bad),
            "--framework",
            framework,
            "--out",
            str(tmp_path / "r.html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"kit: error: {bad}: row 2 (a.one): level 5 is outside 0-4"
    ]

"""Do crosswalks regroup a country's results by another framework's domains, with numbers a
person can check by hand, and refuse a crosswalk that names unknown items?"""

from __future__ import annotations

import io
import json

import pytest
from factories import FIXTURES, ministry
from openpyxl import load_workbook

from kit.assessment import assess
from kit.cli import main
from kit.crosswalk import load_crosswalk
from kit.errors import KitError
from kit.framework import load_framework
from kit.report.data import render_json, report_data
from kit.report.html import render_html
from kit.report.xlsx import render_xlsx

MINI = load_framework(FIXTURES / "frameworks" / "mini.yaml")
GCIM = load_framework("gcim-2005")
CROSSWALK = """\
schema: kit-crosswalk/1
framework: mini
target: {id: other, title: Other framework, source: written for the tests}
domains:
  - {id: x, title: Domain X, items: [a.one, a.two, b.one]}
  - {id: y, title: Domain Y, items: [a.three]}
  - {id: z, title: Domain Z, items: []}
"""


def _write(tmp_path, text):
    path = tmp_path / "mini--other.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_domains_are_the_mean_of_mapped_items_by_hand(tmp_path):
    """a.one=4 (100%), a.two N/A, b.one=1 (25%), a.three don't know (0%): is X (100+25)/2 =
    62.5% over 2 applicable of 3 mapped items, Y 0%, and Z (no item) not covered?"""
    crosswalk = load_crosswalk(_write(tmp_path, CROSSWALK), MINI)
    one = ministry("Interior", {"a.one": 4, "a.two": "na", "a.three": "dk", "b.one": 1})
    result = assess(MINI, [one])
    domains = report_data(result, crosswalks=[crosswalk])["crosswalks"][0]["domains"]
    assert [(d["id"], d["percent"], d["mapped_items"], d["applicable_items"]) for d in domains] == [
        ("x", 62.5, 3, 2),
        ("y", 0.0, 1, 1),
        ("z", None, 0, 0),
    ]
    page = render_html(result, report_data(result, crosswalks=[crosswalk])).decode("utf-8")
    assert '<tr data-domain="x"><td>Domain X</td><td class="num">62.5%</td>' in page
    assert '<tr data-domain="z"><td>Domain Z</td><td class="num">not covered</td>' in page
    assert json.loads(render_json(result, report_data(result, crosswalks=[crosswalk])))[
        "crosswalks"
    ]
    sheet = load_workbook(
        io.BytesIO(render_xlsx(result, report_data(result, crosswalks=[crosswalk])))
    )
    rows = list(sheet["By other"].iter_rows(values_only=True))
    assert rows[1] == ("x", "Domain X", 62.5, 3, 2)
    assert rows[3] == ("z", "Domain Z", None, 0, 0)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("a.three]", "a.nope]"), "domain 'y': unknown item 'a.nope' (not in mini)"),
        (("id: y,", "id: x,"), "domain 'x' appears twice"),
        (("framework: mini", "framework: gcim-2005"), "maps framework 'gcim-2005', not 'mini'"),
    ],
)
def test_bad_crosswalk_is_one_line_naming_file_and_domain(tmp_path, change, expected):
    """Is an unknown item, a repeated domain or the wrong framework one KitError line naming
    the file and the fault?"""
    path = _write(tmp_path, CROSSWALK.replace(*change))
    with pytest.raises(KitError) as caught:
        load_crosswalk(path, MINI)
    assert str(caught.value) == f"{path}: {expected}"


def test_a_bad_crosswalk_is_named_in_french(tmp_path):
    """Is a crosswalk's unknown item named in French, domain and item ids as written?"""
    from kit import i18n

    path = _write(tmp_path, CROSSWALK.replace("a.three]", "a.nope]"))
    with i18n.use("fr"):
        with pytest.raises(KitError) as caught:
            load_crosswalk(path, MINI)
        assert str(caught.value) == (
            f"{path}: domaine « y » : élément inconnu « a.nope » (absent de mini)"
        )


def test_builtin_crosswalks_cover_sdg_domains_and_gcm_objectives():
    """Do the shipped crosswalks load against the GCIM checklist: six SDG 10.7.2 domains and
    the Global Compact's 23 objectives, every mapped id a checklist item?"""
    sdg = load_crosswalk("sdg-10-7-2", GCIM)
    assert [d.id for d in sdg.domains] == [area.id for area in load_framework("sdg-10-7-2").areas]
    gcm = load_crosswalk("gcm-objectives", GCIM)
    assert [d.id for d in gcm.domains] == [f"gcm-{n:02d}" for n in range(1, 24)]
    mapped = {i for c in (sdg, gcm) for d in c.domains for i in d.items}
    assert mapped <= set(GCIM.items)
    # Every checklist item counts somewhere in the SDG view.
    assert {i for d in sdg.domains for i in d.items} == set(GCIM.items)


def test_cli_unknown_crosswalk_exits_2(tmp_path, capsys):
    """Does `kit assess --crosswalk nope` exit 2 with one line naming the crosswalk?"""
    files = [
        str(p)
        for p in sorted(
            (FIXTURES.parent.parent / "datasets" / "self-assessment" / "utopia" / "2025").glob(
                "*.csv"
            )
        )
    ]
    code = main(["assess", *files, "--crosswalk", "nope", "--out", str(tmp_path / "r.html")])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.startswith("kit: error: nope: no crosswalk from gcim-2005")
    assert "\n" not in err
    assert not (tmp_path / "r.html").exists()


def test_batch_reports_carry_the_crosswalk(tmp_path):
    """Does `kit report --batch ... --crosswalk sdg-10-7-2` put the six domains in each
    country's report?"""
    import shutil

    batch = tmp_path / "batch"
    shutil.copytree(FIXTURES.parent.parent / "datasets" / "self-assessment" / "utopia",
                    batch / "utopia")  # fmt: skip
    out = tmp_path / "out"
    assert main(["batch", str(batch), "--out", str(out), "--crosswalk", "sdg-10-7-2"]) == 0
    page = (out / "utopia-2025.html").read_text(encoding="utf-8")
    assert page.count("<tr data-domain=") == 6

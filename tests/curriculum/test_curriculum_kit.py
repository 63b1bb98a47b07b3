"""Do kit.teaching, the curriculum manifests and the landing page behave as authors rely on?"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from curriculum_harness import CURRICULUM, REPO
from markupsafe import escape

from kit import teaching
from kit.curriculum import landing, serve
from kit.curriculum import manifest as curriculum
from kit.web import voila

# --- kit.curriculum ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "manifest", sorted(CURRICULUM.glob("*/module.yaml")), ids=lambda p: p.parent.name
)
def test_every_module_manifest_is_valid(manifest):
    """Does every module.yaml have its fields, its lessons, known cadres and checklist items?"""
    module = curriculum.load_module(manifest)
    assert module.assignment == module.id
    assert (REPO / "assessment" / "source" / module.id).is_dir(), "the assignment folder exists"


def test_checklist_items_match_the_framework_file():
    """Is the list of checklist ids the same as the items of kit/frameworks/gcim-2005.yaml?"""
    framework = yaml.safe_load((REPO / "kit" / "frameworks" / "gcim-2005.yaml").read_text())
    ids = [item["id"] for area in framework["areas"] for item in area["items"]]
    cadres = [c["id"] for c in framework["cadres"]]
    assert sorted(ids) == sorted(curriculum.CHECKLIST_ITEMS)
    assert sorted(cadres) == sorted(curriculum.CADRES)


def make_module(tmp_path, **changes):
    folder = tmp_path / "02-data-collection"
    shutil.copytree(CURRICULUM / "02-data-collection", folder)
    data = yaml.safe_load((folder / "module.yaml").read_text())
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}  # None removes a field
    (folder / "module.yaml").write_text(yaml.safe_dump(data))
    return folder


@pytest.mark.parametrize(
    "change, message",
    [
        ({"cadres": ["astronauts"]}, "unknown cadre"),
        ({"checklist_items": ["objectives.nonsense"]}, "unknown checklist item"),
        ({"lessons": ["01-who-is-a-migrant.ipynb", "09-missing.ipynb", "03-x.ipynb"]}, "does not"),
        ({"lessons": ["01-who-is-a-migrant.ipynb"]}, "at least three lessons"),
        ({"minutes": "four hours"}, "minutes should be"),
        ({"paragraphs": [0, 99]}, "paragraphs should be"),
        ({"id": "02-other"}, "differs from its folder"),
        ({"sources": []}, "sources should be a non-empty list"),
        ({"checklist_items": ["objectives.protection"]}, "is now objectives.family_reunion"),
        ({"pre_test": "02-data-collection-pre", "post_test": None}, "post_test should be"),
        (
            {"pre_test": "02-pre", "post_test": "02-data-collection-post"},
            "pre_test should be '02-data-collection-pre'",
        ),
        (
            {
                "pre_test": "02-data-collection-pre",
                "post_test": "02-data-collection-post",
                "test_objectives": {"stock_flow_tests": 99},
            },
            "names objective 99",
        ),
        (
            {
                "pre_test": "02-data-collection-pre",
                "post_test": "02-data-collection-post",
                "test_objectives": {},
            },
            "test_objectives should map",
        ),
        (
            {"pre_test": None, "post_test": None, "test_objectives": {"a_tests": 1}},
            "without pre_test and post_test",
        ),
    ],
)
def test_a_broken_manifest_is_rejected_with_the_reason(tmp_path, change, message):
    """Is each kind of mistake in a manifest reported with the file name and what is wrong?"""
    folder = make_module(tmp_path, **change)
    with pytest.raises(curriculum.CurriculumError, match=message) as error:
        curriculum.load_module(folder)
    assert "module.yaml" in str(error.value)


def test_pre_post_fields_are_read(tmp_path):
    """Are pre_test, post_test and test_objectives read into the module as written?"""
    folder = make_module(
        tmp_path,
        pre_test="02-data-collection-pre",
        post_test="02-data-collection-post",
        test_objectives={"stock_flow_tests": 2, "net_migration_tests": 3},
    )
    module = curriculum.load_module(folder)
    assert (module.pre_test, module.post_test) == (
        "02-data-collection-pre",
        "02-data-collection-post",
    )
    assert module.test_objectives == {"stock_flow_tests": 2, "net_migration_tests": 3}


def test_a_jupyterlab_lesson_is_flagged_and_titled(tmp_path):
    """Is a lesson with metadata.kit.jupyterlab listed as a JupyterLab lesson, and refused
    unless its title ends with "(working with tables)"?"""
    import nbformat

    folder = make_module(tmp_path)
    path = folder / "03-stocks-and-data-quality.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kit"] = {"jupyterlab": True}
    nbformat.write(nb, path)
    with pytest.raises(curriculum.CurriculumError, match="working with tables"):
        curriculum.load_module(folder)
    title = next(c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("# "))
    first, _, rest = title.source.partition("\n")
    title.source = f"{first} (working with tables)\n{rest}"
    nbformat.write(nb, path)
    module = curriculum.load_module(folder)
    assert "03-stocks-and-data-quality.ipynb" in module.jupyterlab_lessons
    assert "01-who-is-a-migrant.ipynb" not in module.jupyterlab_lessons


def test_a_missing_field_is_named(tmp_path):
    """Is a manifest without `objectives` rejected, naming the field?"""
    folder = make_module(tmp_path)
    data = yaml.safe_load((folder / "module.yaml").read_text())
    del data["objectives"]
    (folder / "module.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(curriculum.CurriculumError, match="missing field.*objectives"):
        curriculum.load_module(folder)


# --- kit.teaching -----------------------------------------------------------------------------


def test_choice_check_gives_immediate_feedback():
    """Does a choice check say 'Correct' for the right option and 'Not quite' for another?"""
    box = teaching.choice_check("Which?", ["a", "b"], answer="b", explanation="Because.")
    box.check()
    assert "Choose one answer" in box.feedback.value
    box.picker.value = "a"
    box.check()
    assert "Not quite" in box.feedback.value
    box.picker.value = "b"
    box.check()
    assert "Correct" in box.feedback.value and "Because." in box.feedback.value


def test_choice_check_rejects_an_answer_that_is_not_an_option():
    """Is an author's typo in the answer caught when the notebook runs?"""
    with pytest.raises(ValueError, match="not one of the options"):
        teaching.choice_check("Which?", ["a", "b"], answer="c")


@pytest.mark.parametrize(
    "typed, verdict",
    [("1,200", "Correct"), ("1 200", "Correct"), ("1300", "too high"), ("x", "Type a number")],
)
def test_number_check_reads_numbers_as_officials_type_them(typed, verdict):
    """Are separators accepted, and does a wrong number say in which direction it is off?"""
    box = teaching.number_check("How many?", 1200)
    box.entry.value = typed
    assert verdict in box.feedback.value


def test_choice_check_explains_each_wrong_option():
    """Does choosing a wrong option show why that option is wrong, not a generic line?"""
    box = teaching.choice_check(
        "Which article?",
        ["33(1)", "31(1)", "1F"],
        answer="33(1)",
        explanation="Non-refoulement.",
        why={"31(1)": "That one is about penalties for illegal entry.", "1F": "Exclusion."},
    )
    box.picker.value = "31(1)"
    box.check()
    assert "penalties for illegal entry" in box.feedback.value
    box.picker.value = "1F"
    box.check()
    assert "Exclusion." in box.feedback.value and "penalties" not in box.feedback.value


def test_choice_check_refuses_an_explanation_for_an_option_that_does_not_exist():
    """Is an author's typo in an explanation's option caught when the notebook runs?"""
    with pytest.raises(ValueError, match="do not exist"):
        teaching.choice_check("Which?", ["a", "b"], answer="b", why={"c": "typo"})


@pytest.mark.parametrize("kind", ["choice", "number"])
def test_show_the_answer_appears_after_two_wrong_tries(kind):
    """Is a learner who fails twice offered the answer, and not before?"""
    if kind == "choice":
        box = teaching.choice_check("Which?", ["a", "b"], answer="b", explanation="Because b.")

        def try_wrong(attempt):
            box.picker.value = "a"
            box.check()
    else:
        box = teaching.number_check("How many?", 41.7, explanation="Because 41,7.")

        def try_wrong(attempt):
            box.entry.value = str(40 - attempt)  # a new entry checks itself, like Enter

    assert box.show_answer_button.layout.display == "none"
    try_wrong(1)
    assert box.show_answer_button.layout.display == "none"
    try_wrong(2)
    assert box.show_answer_button.layout.display != "none"
    box.show_answer()
    assert "The answer is" in box.feedback.value and "Because" in box.feedback.value


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("41,7", [41.7]),
        ("41.7", [41.7]),
        ("1 250 000", [1250000.0]),
        ("1\u00a0250\u00a0000", [1250000.0]),
        ("1.250.000", [1250000.0]),
        ("1,250,000", [1250000.0]),
        ("1.250,5", [1250.5]),
        ("1,250.5", [1250.5]),
        ("1,250", [1250.0, 1.25]),
        ("12 %", [12.0]),
        ("", []),
        ("abc", []),
    ],
)
def test_numbers_are_read_as_officials_type_them(typed, expected):
    """Are decimal commas, grouped thousands and ambiguous entries read every plausible way?"""
    assert teaching.number_readings(typed) == pytest.approx(expected)


@pytest.mark.parametrize("typed", ["41,7", "41.7", "41,70"])
def test_number_check_accepts_a_decimal_comma(typed):
    """Is 41,7 typed by a francophone official read as 41.7, not 417?"""
    box = teaching.number_check("What share?", 41.7, tolerance=0.05, unit="%")
    box.entry.value = typed
    assert "Correct" in box.feedback.value


def test_reveal_shows_the_model_answer_on_request():
    """Does the discussion prompt keep its answer hidden until asked?"""
    box = teaching.reveal("Discuss.", "The **answer**.")
    assert box.feedback.value == ""
    box.check()
    assert "<b>answer</b>" in box.feedback.value


def test_setup_makes_charts_offline_svg():
    """Does setup() switch Altair to a renderer that needs no network?"""
    import altair as alt
    import pandas as pd

    teaching.setup()
    teaching.setup()  # idempotent
    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q")
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "image/svg+xml" in bundle and "cdn" not in bundle["image/svg+xml"].lower()


def test_data_path_finds_datasets_and_honours_the_override(tmp_path, monkeypatch):
    """Does data_path find the repository's datasets, and KIT_DATASETS replace them?"""
    monkeypatch.chdir(CURRICULUM / "02-data-collection")
    assert teaching.data_path("border-crossings/stays.csv").is_file()
    (tmp_path / "x.csv").write_text("a\n")
    monkeypatch.setenv("KIT_DATASETS", str(tmp_path))
    assert teaching.data_path("x.csv") == tmp_path / "x.csv"
    with pytest.raises(FileNotFoundError, match="nope.csv"):
        teaching.data_path("nope.csv")


# --- kit.curriculum.landing and kit.curriculum.serve ---------------------------------------------


def test_landing_page_sends_analysts_to_jupyterlab_for_working_with_tables_lessons():
    """Does a lesson flagged for JupyterLab say so on the landing page, and only that one?"""
    page = landing.build_landing_page()
    assert page.count("open the lesson in JupyterLab") == sum(
        len(module.jupyterlab_lessons) for module in curriculum.load_curriculum()
    )
    assert "jupyter lab 02-data-collection/06-" in page


def test_landing_page_lists_every_module_and_links_its_lessons_in_order():
    """Does the landing page show each module's title and link its lessons in manifest order?"""
    page = landing.build_landing_page(CURRICULUM)
    for module in curriculum.load_curriculum(CURRICULUM):
        assert str(escape(module.title)) in page
        links = [page.index(f'href="{module.id}/{name}"') for name in module.lessons]
        assert links == sorted(links)


def test_landing_page_survives_a_broken_module(tmp_path):
    """Does one broken manifest show as unavailable without hiding the other modules?"""
    make_module(tmp_path)
    (tmp_path / "01-policy-formulation").mkdir()
    (tmp_path / "01-policy-formulation" / "module.yaml").write_text("id: [")
    page = landing.build_landing_page(tmp_path)
    assert "Module not available" in page and "Data collection" in page


def test_lessons_are_served_on_localhost_with_code_hidden_and_the_kit_template(tmp_path):
    """Does `kit lessons` bind Voila to 127.0.0.1 and write a voila.json that hides code and
    tracebacks, uses the offline kit template and keeps nbgrader's UI out of the page?"""
    spec = serve.launch(8899, CURRICULUM)
    command = spec.command(tmp_path)
    assert str(CURRICULUM) in command and "--port=8899" in command
    assert "--Voila.ip=127.0.0.1" in command
    assert f"--Voila.config_file_paths={tmp_path}" in command
    written = json.loads(voila.write_settings(tmp_path, spec.settings()).read_text())
    page = written["VoilaConfiguration"]
    assert page["strip_sources"] is True and page["show_tracebacks"] is False
    assert page["template"] == "kit"
    assert "@jupyter/nbgrader" in page["extension_denylist"]
    assert (CURRICULUM / serve.LANDING).is_file()

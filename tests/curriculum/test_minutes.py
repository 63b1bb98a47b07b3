"""Do the minutes add up, the same way in every module?

module.yaml ``minutes`` = the instructor guide's ``## Timing`` table total = the sum of its rows;
each lesson row repeats the lesson's "**Teaching:** N min · **Exercises:** M min" line; the
pre-test, graded set and post-test rows come last (curriculum-conventions, "Minutes add up").
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml
from curriculum_harness import CURRICULUM

MANIFESTS = sorted(CURRICULUM.glob("*/module.yaml"))
HEADER = ["block", "activity", "teaching", "exercises"]
LESSON_LINE = re.compile(r"\*\*Teaching:\*\*\s*(\d+)\s*min\s*·\s*\*\*Exercises:\*\*\s*(\d+)\s*min")
MINUTES = re.compile(r"^(\d+) min$")
TOTAL = re.compile(r"^\*\*(\d+) min\*\*$")
GRAND_TOTAL = re.compile(r"^\*\*(\d+) min\*\* \((\d+) min\)$")


def lesson_minutes(path: Path) -> tuple[int, int]:
    """The (teaching, exercises) minutes a lesson states under its title."""
    for cell in nbformat.read(path, as_version=4).cells:
        match = LESSON_LINE.search(cell.source) if cell.cell_type == "markdown" else None
        if match:
            return int(match.group(1)), int(match.group(2))
    raise AssertionError(f"{path}: no '**Teaching:** N min · **Exercises:** M min' line")


def timing_table(guide: Path) -> list[list[str]]:
    """The rows of the guide's '## Timing' table, cells stripped, the separator row left out."""
    text = guide.read_text(encoding="utf-8")
    section = re.search(r"^## Timing\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert section, f"{guide}: no '## Timing' section"
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.group(1).splitlines()
        if line.strip().startswith("|")
    ]
    assert rows and rows[0] == HEADER, (
        f"{guide}: the table header should be | {' | '.join(HEADER)} |"
    )
    assert rows[1] and set("".join(rows[1])) <= set("-: "), f"{guide}: separator row expected"
    return rows[2:]


def minutes(cell: str, where: str) -> int:
    match = MINUTES.match(cell)
    assert match, f"{where}: expected 'N min', found {cell!r}"
    return int(match.group(1))


def check_module(manifest: Path) -> None:
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    folder = manifest.parent
    guide = folder / data["instructor_guide"]
    rows = timing_table(guide)
    lessons = data["lessons"]
    assert len(rows) == len(lessons) + 4, (
        f"{guide}: expected {len(lessons)} lesson rows, pre, graded, post and the total; "
        f"found {len(rows)} rows"
    )
    teaching = exercises = 0
    for n, (row, name) in enumerate(zip(rows, lessons, strict=False), start=1):
        where = f"{guide.name} row {n}"
        assert row[0] == str(n), f"{where}: block should be {n}, is {row[0]!r}"
        assert row[1].startswith(name[:2] + " "), f"{where}: activity should start '{name[:2]} '"
        stated = lesson_minutes(folder / name)
        table = (minutes(row[2], where), minutes(row[3], where))
        assert table == stated, f"{where}: table says {table}, {name} says {stated}"
        teaching += table[0]
        exercises += table[1]
    assessed = [
        ("pre", data.get("pre_test")),
        ("graded", data["assignment"]),
        ("post", data.get("post_test")),
    ]
    for row, (block, assignment) in zip(rows[len(lessons) :], assessed, strict=False):
        where = f"{guide.name} row '{block}'"
        assert row[0] == block, f"{where}: expected block {block!r}, found {row[0]!r}"
        assert assignment and f"`{assignment}`" in row[1], f"{where}: name `{assignment}`"
        assert row[2] == "", f"{where}: assessed work has no teaching minutes"
        exercises += minutes(row[3], where)
    total = rows[-1]
    assert total[1] == "**module total**", f"{guide.name}: last row should be the module total"
    taught = TOTAL.match(total[2])
    grand = GRAND_TOTAL.match(total[3])
    assert taught and grand, f"{guide.name}: total row should read **T min** | **E min** (S min)"
    assert int(taught.group(1)) == teaching, f"{guide.name}: teaching total is not {teaching}"
    assert int(grand.group(1)) == exercises, f"{guide.name}: exercises total is not {exercises}"
    assert int(grand.group(2)) == teaching + exercises, f"{guide.name}: sum is not T + E"
    assert data["minutes"] == teaching + exercises, (
        f"{manifest}: minutes {data['minutes']}, but the guide adds up to {teaching + exercises}"
    )


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.parent.name)
def test_minutes_add_up_the_same_way(manifest):
    """Do the manifest's minutes, the Timing table and each lesson's stated minutes agree?"""
    check_module(manifest)


def test_a_timing_table_that_does_not_add_up_is_caught(tmp_path):
    """Would a lesson row that differs from its lesson, or a wrong total, fail the check?"""
    folder = tmp_path / "09-sample"
    folder.mkdir()
    lesson = nbformat.v4.new_notebook()
    lesson.cells = [
        nbformat.v4.new_markdown_cell("# A\n\n**Teaching:** 20 min · **Exercises:** 10 min")
    ]
    nbformat.write(lesson, folder / "01-a.ipynb")
    manifest = folder / "module.yaml"
    manifest.write_text(
        yaml.safe_dump(
            {
                "lessons": ["01-a.ipynb"],
                "instructor_guide": "guide.md",
                "assignment": "09-sample",
                "pre_test": "09-sample-pre",
                "post_test": "09-sample-post",
                "minutes": 80,
            }
        )
    )

    def guide(lesson_row: str, total: str) -> None:
        (folder / "guide.md").write_text(
            "## Timing\n\n| block | activity | teaching | exercises |\n|---|---|---|---|\n"
            f"| 1 | 01 A | {lesson_row} |\n| pre | pre-test `09-sample-pre` | | 10 min |\n"
            "| graded | graded exercise `09-sample` | | 30 min |\n"
            "| post | post-test `09-sample-post` | | 10 min |\n"
            f"| | **module total** | {total} |\n\n## Next\n"
        )

    guide("20 min | 10 min", "**20 min** | **60 min** (80 min)")
    check_module(manifest)  # adds up
    guide("25 min | 10 min", "**25 min** | **60 min** (85 min)")
    with pytest.raises(AssertionError, match="01-a.ipynb says"):
        check_module(manifest)
    guide("20 min | 10 min", "**20 min** | **60 min** (90 min)")
    with pytest.raises(AssertionError, match="sum is not"):
        check_module(manifest)

"""Is learning gain computed as defined: mean post % minus mean pre %, officials who took both?

The gradebook-like table below is small enough to compute by hand; the expected figures are
worked out in the comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kit.course.analytics import Cohort, PrePostPair, is_diagnostic, pre_post_pairs
from kit.course.cohort.report import render_report

PAIR = PrePostPair(
    module="03-border-management",
    pre="03-border-management-pre",
    post="03-border-management-post",
    test_objectives={"field_tests": 1, "digit_tests": 2, "limits_tests": 2},
    objectives=("Identify each field.", "Compute a check digit."),
)


def rows(student: str, assignment: str, scores: dict[str, tuple[float, float]]) -> list[dict]:
    return [
        {
            "student": student,
            "assignment": assignment,
            "question": question,
            "score": score,
            "max_score": maximum,
            "kind": "auto",
            "to_mark": False,
        }
        for question, (score, maximum) in scores.items()
    ]


def cohort() -> Cohort:
    """Three officials: ana and ben took both tests, cruz only the pre-test.

    Points: field_tests of 2, digit_tests of 4, limits_tests of 4 (10 in all).
    ana  pre 2+0+0 = 2/10 = 20 %   post 2+4+2 = 8/10 = 80 %
    ben  pre 0+2+2 = 4/10 = 40 %   post 2+4+4 = 10/10 = 100 %
    cruz pre 2+4+4 = 10/10 (ignored: no post-test)
    Module gain = mean(80, 100) - mean(20, 40) = 90 - 30 = 60 points.
    Objective 1 (field, of 2): pre ana 2/2 = 100, ben 0/2 = 0 -> mean 50;
      post 100, 100 -> mean 100; gain 50.
    Objective 2 (digit + limits, of 8): pre ana 0/8 = 0, ben 4/8 = 50 -> 25;
      post ana 6/8 = 75, ben 8/8 = 100 -> 87.5; gain 62.5.
    """
    full = {"field_tests": 2.0, "digit_tests": 4.0, "limits_tests": 4.0}

    def pts(f, d, l):  # noqa: E741 - three point values, in the order above
        return {"field_tests": (f, 2.0), "digit_tests": (d, 4.0), "limits_tests": (l, 4.0)}

    data = [
        *rows("ana", PAIR.pre, pts(2, 0, 0)),
        *rows("ana", PAIR.post, pts(2, 4, 2)),
        *rows("ben", PAIR.pre, pts(0, 2, 2)),
        *rows("ben", PAIR.post, pts(2, 4, 4)),
        *rows("cruz", PAIR.pre, pts(*full.values())),
        *rows("ana", "03-border-management", {"q1_tests": (3.0, 4.0)}),
        *rows("ben", "03-border-management", {"q1_tests": (4.0, 4.0)}),
    ]
    assignments = sorted({r["assignment"] for r in data})
    return Cohort(pd.DataFrame(data), ["ana", "ben", "cruz"], assignments)


def test_module_gain_is_post_minus_pre_over_officials_who_took_both():
    """Is the module's gain 90 - 30 = 60 points, over ana and ben only?"""
    gain = cohort().learning_gain([PAIR]).iloc[0]
    assert gain["officials"] == 2
    assert (gain["pre_percent"], gain["post_percent"], gain["gain"]) == (30.0, 90.0, 60.0)


def test_gain_per_objective_follows_test_objectives():
    """Does each objective count only its own test cells (objective 2: 25 % -> 87.5 %)?"""
    table = cohort().objective_gain([PAIR]).set_index("objective")
    assert list(table.index) == [1, 2]
    assert table.loc[1, ["questions", "pre_percent", "post_percent", "gain"]].tolist() == [
        1,
        50.0,
        100.0,
        50.0,
    ]
    assert table.loc[2, ["pre_percent", "post_percent", "gain"]].tolist() == [25.0, 87.5, 62.5]
    assert table.loc[2, "objective_text"] == "Compute a check digit."


def test_a_module_nobody_finished_shows_no_gain():
    """With no official who took both tests, is the gain empty rather than a made-up 0?"""
    other = PrePostPair("04-status-determination", "04-x-pre", "04-x-post", {"a_tests": 1})
    gain = cohort().learning_gain([other]).iloc[0]
    assert gain["officials"] == 0 and gain["gain"] is None


def test_pre_and_post_tests_do_not_count_in_course_totals():
    """Are diagnostic tests left out of an official's total and of modules completed?"""
    officials = cohort().officials().set_index("student")
    assert officials.loc["ana", "max_score"] == 4.0 and officials.loc["ana", "score"] == 3.0
    assert officials.loc["cruz", "modules_completed"] == 0
    assert is_diagnostic("01-policy-formulation-pre") and not is_diagnostic("01-policy-formulation")


def test_the_cohort_report_shows_the_gain():
    """Does the HTML cohort report carry the learning-gain tables with the module's figures?"""
    page = render_report(cohort(), pairs=[PAIR])
    assert "Learning gain" in page and "kit-gain" in page and "kit-objective-gain" in page
    assert "<td class='num'>60</td>" in page and "<td class='num'>87.5</td>" in page
    assert "Learning gain" not in render_report(cohort())


def test_pairs_come_from_modules_that_declare_both_tests():
    """Are only modules with a pre_test and a post_test turned into pairs?"""

    class Module:  # the attributes kit.curriculum.Module carries
        def __init__(self, id, pre, post):
            self.id, self.pre_test, self.post_test = id, pre, post
            self.test_objectives, self.objectives = {"a_tests": 1}, ("Do a.",)

    pairs = pre_post_pairs([Module("01-x", "01-x-pre", "01-x-post"), Module("02-y", None, None)])
    assert [p.module for p in pairs] == ["01-x"]
    assert pairs[0].objectives == ("Do a.",)


@pytest.mark.parametrize("name", ["03-border-management", "03-border-management-preview"])
def test_graded_sets_are_not_diagnostic(name):
    """Is a graded set (even one whose name merely contains 'pre') counted as graded?"""
    assert not is_diagnostic(name)

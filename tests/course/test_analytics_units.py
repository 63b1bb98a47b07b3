"""Item analysis and the evidence level, on small cohorts worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.course.analytics import Cohort
from kit.course.evidence import cadre_table, proposed_level

# Four officials, one assignment. q1 is worth 2 points, q2..q4 one each; everyone got q4.
#          q1  q2  q3  q4
#   ana     2   1   1   1
#   ben     1   1   0   1
#   cai     0   0   1   1
#   dee     2   0   0   1
MARKS = {
    "ana": {"q1": 2, "q2": 1, "q3": 1, "q4": 1},
    "ben": {"q1": 1, "q2": 1, "q3": 0, "q4": 1},
    "cai": {"q1": 0, "q2": 0, "q3": 1, "q4": 1},
    "dee": {"q1": 2, "q2": 0, "q3": 0, "q4": 1},
}
POINTS = {"q1": 2, "q2": 1, "q3": 1, "q4": 1}


def cohort() -> Cohort:
    rows = [
        {
            "student": student,
            "assignment": "a1",
            "question": question,
            "score": float(score),
            "max_score": float(POINTS[question]),
            "kind": "auto",
            "to_mark": False,
        }
        for student, marks in MARKS.items()
        for question, score in marks.items()
    ]
    return Cohort(pd.DataFrame(rows), sorted(MARKS), ["a1"])


def test_difficulty_is_the_mean_share_of_points_earned():
    """Is a question's difficulty the cohort's mean share of its points (q1: 2/2, 1/2, 0/2, 2/2
    gives 0.625), with full-mark and zero counts beside it?"""
    questions = cohort().questions().set_index("question")
    assert questions["difficulty"].to_dict() == {"q1": 0.625, "q2": 0.5, "q3": 0.5, "q4": 1.0}
    assert questions.loc["q1", ["full_marks", "zero", "officials"]].tolist() == [2, 1, 4]


def test_discrimination_is_the_corrected_item_total_correlation():
    """Is discrimination the Pearson correlation of a question's share with each official's
    total on the other questions (worked by hand below), and absent when nobody differs?

    q2: shares (1, 1, 0, 0) against each official's total on q1, q3, q4: (4, 2, 2, 3);
    deviations (.5, .5, -.5, -.5) and (1.25, -.75, -.75, .25); products sum to .5; squares sum
    to 1 and 2.75; r = .5 / sqrt(2.75) = 0.3015.
    q3: shares (1, 0, 1, 0) against (4, 3, 1, 3): deviations (.5, -.5, .5, -.5) and
    (1.25, .25, -1.75, .25); products -.5; squares 1 and 4.75; r = -.5 / sqrt(4.75) = -0.2294.
    q1: shares (1, .5, 0, 1) against (3, 2, 2, 1): deviations (.375, -.125, -.625, .375) and
    (1, 0, 0, -1); products sum to 0; r = 0.
    q4: everyone full marks, so it tells nobody apart: None (and adding it to every rest total
    changes no correlation above).
    """
    discrimination = cohort().questions().set_index("question")["discrimination"]
    assert discrimination["q2"] == pytest.approx(0.302, abs=1e-9)
    assert discrimination["q3"] == pytest.approx(-0.229, abs=1e-9)
    assert discrimination["q1"] == pytest.approx(0.0, abs=1e-9)
    assert discrimination["q4"] is None or pd.isna(discrimination["q4"])


def test_the_hardest_questions_come_first():
    """Does most_failed list the questions from the lowest difficulty up?"""
    assert cohort().most_failed(2)["question"].tolist() == ["q2", "q3"]


ROSTER = {
    "ana": {"cadre": "border-guards"},
    "ben": {"cadre": "border-guards"},
    "cai": {"cadre": "border-guards"},
    "dee": {"cadre": "border-guards"},
    "eli": {"cadre": "labour-inspectors"},
    "fay": {"cadre": "labour-inspectors"},
}


def test_cadre_table_counts_trained_certified_and_share_of_headcount():
    """Per cadre, are the trained (roster), the certified (passed) and the share of the
    headcount counted, with no share where no headcount was given?"""
    table = cadre_table({"ana", "ben", "eli"}, ROSTER, {"border-guards": 4})
    assert table == {
        "border-guards": {"trained": 4, "certified": 2, "headcount": 4, "share": 0.5},
        "labour-inspectors": {"trained": 2, "certified": 1, "headcount": None, "share": None},
    }


@pytest.mark.parametrize(
    ("passed", "headcount", "level"),
    [
        # Half of every cadre certified (exactly the threshold): level 3.
        ({"ana", "ben", "eli"}, {"border-guards": 4, "labour-inspectors": 2}, 3),
        # One cadre under half: 2.
        ({"ana", "eli"}, {"border-guards": 4, "labour-inspectors": 2}, 2),
        # Every cadre over half but one headcount unknown: the share cannot be shown, 2.
        ({"ana", "ben", "cai", "eli", "fay"}, {"border-guards": 4}, 2),
        # Records of training, nobody certified: 1.
        (set(), {"border-guards": 4, "labour-inspectors": 2}, 1),
    ],
)
def test_proposed_level_follows_the_checklist_rule(passed, headcount, level):
    """Is level 3 proposed only when at least half of every cadre's headcount is certified,
    2 with some certified, 1 with training records alone?"""
    assert proposed_level(cadre_table(passed, ROSTER, headcount)) == level


def test_no_roster_no_level():
    """With nobody in the roster, is no level proposed (0)?"""
    assert proposed_level(cadre_table(set(), {}, {})) == 0

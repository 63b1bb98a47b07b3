"""Cohort analytics from the gradebook: totals per official, classical item analysis, completion.

Item analysis as in classical test theory: difficulty is the mean share of a question's points
the cohort earned (the "p value"; low = hard); discrimination is the corrected item-total
correlation, the Pearson correlation between the question's score and each official's total on
the other questions of the same assignment (below about 0.2 a question tells strong and weak
officials apart poorly).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit.course.api import existing_gradebook


@dataclass
class Cohort:
    """The cohort's scores: one row per official and question, and the tables made from it."""

    scores: pd.DataFrame  # student, assignment, question, score, max_score, kind, to_mark
    students: list[str]
    assignments: list[str]

    def officials(self) -> pd.DataFrame:
        """Per official: points, maximum over all assignments, percent and modules completed."""
        done = self.scores.groupby("student")["assignment"].nunique()
        total = self.scores.groupby("student")[["score", "max_score"]].sum()
        table = pd.DataFrame({"student": self.students}).set_index("student")
        table = table.join(total).fillna(0.0)
        table["max_score"] = self.max_total()
        table["percent"] = (100 * table["score"] / table["max_score"]).round(1)
        table["modules_completed"] = done.reindex(table.index).fillna(0).astype(int)
        return table.reset_index().sort_values("percent", ascending=False, ignore_index=True)

    def max_total(self) -> float:
        per = self.scores.drop_duplicates(["assignment", "question"])
        return float(per["max_score"].sum()) or 1.0

    def questions(self) -> pd.DataFrame:
        """Per question: difficulty, discrimination, officials who got full marks, zero marks."""
        rows = []
        for (assignment, question), group in self.scores.groupby(["assignment", "question"]):
            maximum = float(group["max_score"].iloc[0]) or 1.0
            share = group.set_index("student")["score"] / maximum
            others = (
                self.scores[
                    (self.scores["assignment"] == assignment)
                    & (self.scores["question"] != question)
                ]
                .groupby("student")["score"]
                .sum()
                .reindex(share.index)
            )
            rows.append(
                {
                    "assignment": assignment,
                    "question": question,
                    "kind": group["kind"].iloc[0],
                    "points": maximum,
                    "difficulty": round(float(share.mean()), 3),
                    "discrimination": _correlation(share, others),
                    "full_marks": int((share >= 1).sum()),
                    "zero": int((share <= 0).sum()),
                    "officials": len(share),
                    "to_mark": int(group["to_mark"].sum()),
                }
            )
        columns = ["assignment", "question", "kind", "points", "difficulty", "discrimination"]
        columns += ["full_marks", "zero", "officials", "to_mark"]
        frame = pd.DataFrame(rows, columns=columns)
        return frame.sort_values(["assignment", "question"], ignore_index=True)

    def most_failed(self, count: int = 5) -> pd.DataFrame:
        """The questions the cohort found hardest (lowest difficulty first); written answers
        still waiting for the trainer's marks score zero so far and are left out."""
        questions = self.questions()
        marked = questions[questions["to_mark"] == 0]
        return marked.nsmallest(count, "difficulty").reset_index(drop=True)

    def modules(self) -> pd.DataFrame:
        """Per assignment: officials who submitted, share of the cohort, mean percent."""
        rows = []
        for assignment in self.assignments:
            part = self.scores[self.scores["assignment"] == assignment]
            per = part.groupby("student")[["score", "max_score"]].sum()
            rows.append(
                {
                    "assignment": assignment,
                    "submitted": len(per),
                    "completion": round(len(per) / max(len(self.students), 1), 3),
                    "mean_percent": round(float((100 * per.score / per.max_score).mean()), 1)
                    if len(per)
                    else None,
                }
            )
        return pd.DataFrame(rows)


def _correlation(a: pd.Series, b: pd.Series) -> float | None:
    """Pearson correlation, or None when either side does not vary (nothing to tell apart)."""
    if len(a) < 3 or a.std() == 0 or b.std() == 0:
        return None
    return round(float(a.corr(b)), 3)


def load_cohort(root: Path) -> Cohort:
    """Read every submission's grades from the course gradebook."""
    from nbgrader.api import Gradebook

    url = existing_gradebook(root)
    rows = []
    with Gradebook(url) as gb:
        students = sorted(s.id for s in gb.students)
        assignments = sorted(a.name for a in gb.assignments)
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        rows.append(
                            {
                                "student": submission.student.id,
                                "assignment": assignment.name,
                                "question": grade.name,
                                "score": float(grade.score or 0),
                                "max_score": float(grade.max_score or 0),
                                "kind": "written" if grade.cell_type == "markdown" else "auto",
                                "to_mark": bool(grade.needs_manual_grade),
                            }
                        )
    columns = ["student", "assignment", "question", "score", "max_score", "kind", "to_mark"]
    return Cohort(pd.DataFrame(rows, columns=columns), students, assignments)

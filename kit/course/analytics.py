"""Cohort analytics from the gradebook: totals per official, classical item analysis, completion.

Item analysis as in classical test theory: difficulty is the mean share of a question's points
the cohort earned (the "p value"; low = hard); discrimination is the corrected item-total
correlation, the Pearson correlation between the question's score and each official's total on
the other questions of the same assignment (below about 0.2 a question tells strong and weak
officials apart poorly).

Learning gain: each module's pre-test and post-test (named in its module.yaml) hold the same
questions. The gain is the mean post-test percent minus the mean pre-test percent, over the
officials who took both, per module and per objective (module.yaml ``test_objectives`` maps each
test cell to the objective it measures). Pre- and post-tests are diagnostic: they are left out of
an official's course total and of "modules completed", which count the graded sets only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kit.course.api import existing_gradebook

#: Suffixes of the diagnostic assignments (module.yaml: ``pre_test: <module>-pre``).
DIAGNOSTIC_SUFFIXES = ("-pre", "-post")


def is_diagnostic(assignment: str) -> bool:
    """Whether an assignment is a module's pre-test or post-test rather than a graded set."""
    return assignment.endswith(DIAGNOSTIC_SUFFIXES)


@dataclass(frozen=True)
class PrePostPair:
    """A module's pre-test and post-test and what each test cell measures."""

    module: str
    pre: str
    post: str
    #: grade_id of each test cell -> objective number (1-based)
    test_objectives: dict[str, int] = field(default_factory=dict)
    #: the module's objectives, in order (objective n is objectives[n - 1])
    objectives: tuple[str, ...] = ()


def pre_post_pairs(modules: Iterable) -> list[PrePostPair]:
    """The pairs declared by curriculum modules (kit.curriculum.Module) that have both tests."""
    return [
        PrePostPair(m.id, m.pre_test, m.post_test, dict(m.test_objectives), tuple(m.objectives))
        for m in modules
        if getattr(m, "pre_test", None) and getattr(m, "post_test", None)
    ]


@dataclass
class Cohort:
    """The cohort's scores: one row per official and question, and the tables made from it."""

    scores: pd.DataFrame  # student, assignment, question, score, max_score, kind, to_mark
    students: list[str]
    assignments: list[str]

    def graded(self) -> pd.DataFrame:
        """The score rows of the graded sets (pre- and post-tests left out)."""
        return self.scores[~self.scores["assignment"].map(is_diagnostic)]

    def officials(self) -> pd.DataFrame:
        """Per official: points, maximum over the graded sets, percent and modules completed."""
        graded = self.graded()
        done = graded.groupby("student")["assignment"].nunique()
        total = graded.groupby("student")[["score", "max_score"]].sum()
        table = pd.DataFrame({"student": self.students}).set_index("student")
        table = table.join(total).fillna(0.0)
        table["max_score"] = self.max_total()
        table["percent"] = (100 * table["score"] / table["max_score"]).round(1)
        table["modules_completed"] = done.reindex(table.index).fillna(0).astype(int)
        return table.reset_index().sort_values("percent", ascending=False, ignore_index=True)

    def max_total(self) -> float:
        per = self.graded().drop_duplicates(["assignment", "question"])
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

    def _percents(self, assignment: str, questions: Iterable[str] | None = None) -> pd.Series:
        """Per official who took ``assignment``: percent of its points (or of these questions')."""
        part = self.scores[self.scores["assignment"] == assignment]
        if questions is not None:
            part = part[part["question"].isin(list(questions))]
        per = part.groupby("student")[["score", "max_score"]].sum()
        per = per[per["max_score"] > 0]
        return 100 * per["score"] / per["max_score"]

    def _gain_row(self, pair: PrePostPair, questions: list[str] | None) -> dict:
        pre, post = self._percents(pair.pre, questions), self._percents(pair.post, questions)
        both = pre.index.intersection(post.index)
        if not len(both):
            return {"officials": 0, "pre_percent": None, "post_percent": None, "gain": None}
        mean_pre, mean_post = float(pre[both].mean()), float(post[both].mean())
        return {
            "officials": len(both),
            "pre_percent": round(mean_pre, 1),
            "post_percent": round(mean_post, 1),
            "gain": round(mean_post - mean_pre, 1),
        }

    def learning_gain(self, pairs: Iterable[PrePostPair]) -> pd.DataFrame:
        """Per module: officials who took both tests, mean pre %, mean post %, gain (points)."""
        rows = [
            {"module": p.module, "pre_test": p.pre, "post_test": p.post, **self._gain_row(p, None)}
            for p in pairs
        ]
        columns = ["module", "pre_test", "post_test", "officials", "pre_percent"]
        return pd.DataFrame(rows, columns=[*columns, "post_percent", "gain"])

    def objective_gain(self, pairs: Iterable[PrePostPair]) -> pd.DataFrame:
        """Per module and objective: the same figures over the test cells measuring it."""
        rows = []
        for pair in pairs:
            by_objective: dict[int, list[str]] = {}
            for grade_id, number in pair.test_objectives.items():
                by_objective.setdefault(number, []).append(grade_id)
            for number in sorted(by_objective):
                text = pair.objectives[number - 1] if number <= len(pair.objectives) else ""
                rows.append(
                    {
                        "module": pair.module,
                        "objective": number,
                        "objective_text": text,
                        "questions": len(by_objective[number]),
                        **self._gain_row(pair, by_objective[number]),
                    }
                )
        columns = ["module", "objective", "objective_text", "questions", "officials"]
        return pd.DataFrame(rows, columns=[*columns, "pre_percent", "post_percent", "gain"])


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

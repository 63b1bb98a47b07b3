"""Cohort results as evidence for the checklist item on a trained cadre (``kit assess`` reads it).

The Commission asks for well-trained officials (paras 22-23); the checklist item
``capacity.trained_cadre`` reaches level 3 when at least half of the officials of every cadre
completed and passed the training with records kept. The course gives the records and the share
certified per cadre; the code of conduct the same level asks for is outside what a course can
show, so the comment says the ministry must confirm it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kit import i18n
from kit.course.analytics import load_cohort
from kit.course.roster import load_roster
from kit.errors import KitError
from kit.framework import load_framework
from kit.io.formats import load_responses, save_responses
from kit.responses import Answer, ResponseSet

_ = i18n.translator("kit")

ITEM = "capacity.trained_cadre"


def parse_headcounts(values: list[str], cadres: dict[str, str]) -> dict[str, int]:
    """``border-guards=120`` options into a mapping; KitError on a bad one."""
    counts: dict[str, int] = {}
    for value in values:
        cadre, _sep, number = value.partition("=")
        cadre = cadre.strip()
        if cadre not in cadres:
            raise KitError(
                _("--headcount {value}: unknown cadre '{cadre}' (known: {cadres})").format(
                    value=value, cadre=cadre, cadres=", ".join(cadres)
                )
            )
        if not number.strip().isdigit() or int(number) < 1:
            raise KitError(
                _("--headcount {value}: give the number of officials, e.g. {cadre}=120").format(
                    value=value, cadre=cadre
                )
            )
        counts[cadre] = int(number)
    return counts


def cadre_table(passed: set[str], roster: dict[str, dict[str, str]], headcount: dict[str, int]):
    """Per cadre: officials trained (in the roster), certified, headcount and share certified."""
    table = {}
    for cadre in sorted({row["cadre"] for row in roster.values()}):
        members = [s for s, row in roster.items() if row["cadre"] == cadre]
        certified = sum(1 for s in members if s in passed)
        count = headcount.get(cadre)
        table[cadre] = {
            "trained": len(members),
            "certified": certified,
            "headcount": count,
            "share": None if not count else certified / count,
        }
    return table


def proposed_level(table: dict) -> int:
    """3 when every cadre's share certified is known and at least one half; else 2 with
    certified officials, 1 with trained ones only (records exist but nobody passed)."""
    if not table:
        return 0
    if all(row["share"] is not None and row["share"] >= 0.5 for row in table.values()):
        return 3
    if any(row["certified"] for row in table.values()):
        return 2
    return 1


def evidence_text(table: dict, pass_mark: float) -> str:
    """The evidence in the current language: English in the response file (response files stay
    language-neutral), the trainer's language in the line printed after writing it."""
    parts = []
    for cadre, row in table.items():
        if row["share"] is None:
            text = _("{cadre}: {certified} of {trained} trained certified (headcount not given)")
            parts.append(
                text.format(cadre=cadre, certified=row["certified"], trained=row["trained"])
            )
        else:
            parts.append(
                _("{cadre}: {certified} certified of {headcount} officials ({share})").format(
                    cadre=cadre,
                    certified=row["certified"],
                    headcount=row["headcount"],
                    share=i18n.format_percent(row["share"], digits=0),
                )
            )
    # TRANSLATORS: what separates the cadres in the list (French puts a space before ";").
    separator = _("; ")
    return _("Course results (pass mark {pass_mark}%): {cadres}").format(
        pass_mark=i18n.format_number(pass_mark), cadres=separator.join(parts)
    )


def _english(function, *args):
    """``function(*args)`` in the source language: what the response file keeps."""
    with i18n.use(i18n.SOURCE_LANGUAGE):
        return function(*args)


def evidence_command(
    root: Path,
    roster: Path,
    headcount: list[str],
    pass_mark: float,
    country: str,
    ministry: str,
    round_: str,
    out: Path,
) -> int:
    """Propose the level of the trained-cadre item from the gradebook; write it into ``out``."""
    framework = load_framework()
    roster_file = roster
    roster = load_roster(roster_file, need_cadre=True)
    for student, row in roster.items():
        if row["cadre"] not in framework.cadres:
            raise KitError(
                _("{student}: unknown cadre '{cadre}'").format(student=student, cadre=row["cadre"]),
                file=roster_file,
            )
    headcount = parse_headcounts(headcount, framework.cadres)
    officials = load_cohort(root).officials()
    passed = set(officials.loc[officials["percent"] >= pass_mark, "student"])
    table = cadre_table(passed, roster, headcount)
    level = proposed_level(table)
    answer = Answer(
        item_id=ITEM,
        status="level",
        level=float(level),
        evidence=_english(evidence_text, table, pass_mark),
        comment="Level proposed by kit course evidence from the course gradebook; the code of "
        "conduct and its enforcement (levels 2-3) are for the ministry to confirm.",
    )
    if out.exists():
        responses = load_responses(out, framework)
        given = (country, ministry, round_)
        if (responses.country, responses.ministry, responses.round) != given:
            raise KitError(
                _("belongs to {found}, not {expected}").format(
                    found=f"{responses.country}/{responses.ministry}/{responses.round}",
                    expected="/".join(given),
                ),
                file=out,
            )
        responses = responses.with_answer(answer)
    else:
        responses = ResponseSet(framework.id, country, ministry, round_, {ITEM: answer})
    save_responses(responses, out)
    print(
        _("{item}: level {level} written to {file} ({evidence})").format(
            item=ITEM, level=level, file=out, evidence=evidence_text(table, pass_mark)
        ),
        file=sys.stderr,
    )
    return 0

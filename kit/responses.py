"""One ministry's answers for one round, checked against the framework (files: see kit.io)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from kit import i18n
from kit.errors import KitError
from kit.framework import Framework

_ = i18n.translator("kit")

Status = Literal["level", "na", "dont_know", "unanswered"]

NA_WORDS = {"n/a", "na", "not applicable"}
DONT_KNOW_WORDS = {"don't know", "dont know", "don’t know", "dk", "unknown", "?"}
HEADER_FIELDS = ("framework", "country", "ministry", "round")


@dataclass(frozen=True)
class Answer:
    """A ministry's answer to one item: a level 0-4, N/A (with a reason), don't know, or nothing."""

    item_id: str
    status: Status = "unanswered"
    level: float | None = None
    na_reason: str = ""
    evidence: str = ""
    comment: str = ""

    @property
    def label(self) -> str:
        """The answer as a person writes it: ``3``, ``N/A``, ``don't know`` or empty."""
        if self.status == "level" and self.level is not None:
            return f"{self.level:g}"
        return {"na": "N/A", "dont_know": "don't know"}.get(self.status, "")


@dataclass(frozen=True)
class Upgrade:
    """What happened when a file answered an earlier version of the framework.

    ``carried``: new item id -> the old id whose answer was copied to it (to be checked);
    ``needs_answer``: new item id -> the old id it came from (left unanswered);
    ``revised``: item id -> what changed in its descriptors (the answer stands, to be checked).
    """

    old_ids: tuple[str, ...]
    carried: dict[str, str]
    needs_answer: dict[str, str]
    revised: dict[str, str]


@dataclass
class ResponseSet:
    """All answers of one ministry of one country in one round, against one framework."""

    framework_id: str
    country: str
    ministry: str
    round: str
    answers: dict[str, Answer] = field(default_factory=dict)
    source: str = ""
    #: Set when the file used item ids of an earlier framework version (see Upgrade).
    upgrade: Upgrade | None = None

    def unanswered_after_upgrade(self) -> list[str]:
        """Items that replaced an old one and still have no answer: the ministry must answer."""
        if self.upgrade is None:
            return []
        return [i for i in self.upgrade.needs_answer if self.answer(i).status == "unanswered"]

    #: One-line notices about how the file was read (an encoding guessed), for the user to see.
    notices: tuple[str, ...] = field(default=(), compare=False)

    def answer(self, item_id: str) -> Answer:
        """The answer to an item; an unanswered one when the file has no row for it."""
        return self.answers.get(item_id) or Answer(item_id)

    def with_answer(self, answer: Answer) -> ResponseSet:
        """A copy with one answer set (used by the dashboard as answers are entered)."""
        answers = dict(self.answers)
        answers[answer.item_id] = answer
        return replace(self, answers=answers)

    def noted(self, notice: str) -> ResponseSet:
        """A copy with one more notice about how the file was read."""
        return replace(self, notices=(*self.notices, notice))


def _level(raw: Any, na_reason: str) -> tuple[Status, float | None]:
    # The fault as a ValueError; callers add the place (file, row, item) to the message.
    if raw is None:
        return "unanswered", None
    if isinstance(raw, bool):
        raise ValueError(_("level {value} is not 0-4, N/A or don't know").format(value=repr(raw)))
    if isinstance(raw, int | float):
        number = float(raw)
    else:
        text = str(raw).strip()
        lowered = text.lower()
        if not text:
            return "unanswered", None
        if lowered in NA_WORDS:
            if not na_reason.strip():
                raise ValueError(_("N/A needs a reason in na_reason"))
            return "na", None
        if lowered in DONT_KNOW_WORDS:
            return "dont_know", None
        try:
            number = float(text)
        except ValueError:
            raise ValueError(
                _("level {value} is not 0-4, N/A or don't know").format(value=f"'{text}'")
            ) from None
    if number not in (0, 1, 2, 3, 4):
        raise ValueError(_("level {value} is outside 0-4").format(value=f"{number:g}"))
    return "level", number


def parse_level(raw: Any, na_reason: str, place: str) -> tuple[Status, float | None]:
    """Turn a cell's text into a status and level; KitError names ``place`` when it is invalid."""
    try:
        return _level(raw, na_reason)
    except ValueError as exc:
        raise KitError(str(exc), file=place) from None


def clean(value: Any) -> str:
    """A cell's text, stripped; empty for an empty cell."""
    return "" if value is None else str(value).strip()


def _fault(message: str, source: str, place: int | str, item: str | None = None) -> KitError:
    # A number is a spreadsheet row; other places ("answer 3", "sheet Responses row 4") are
    # named as they are.
    if isinstance(place, int):
        return KitError(message, file=source, row=place, item=item)
    return KitError(message, file=f"{source}: {place}" + (f" ({item})" if item else ""))


def build_response_set(
    header: Mapping[str, Any],
    rows: Iterable[tuple[int | str, Mapping[str, Any]]],
    framework: Framework,
    source: str,
) -> ResponseSet:
    """Check a header and (place, row) pairs against the framework and build a ResponseSet.

    A place is a row number or a phrase such as ``answer 3``; errors name it.
    """
    values = {key: clean(header.get(key)) for key in HEADER_FIELDS}
    for key in HEADER_FIELDS:
        if not values[key]:
            raise KitError(_("missing {field}").format(field=key), file=source)
    if values["framework"] != framework.id:
        raise KitError(
            _("answers framework '{found}', but this run uses '{used}'").format(
                found=values["framework"], used=framework.id
            ),
            file=source,
        )
    answers: dict[str, Answer] = {}
    old_answers: dict[str, Answer] = {}
    places: dict[str, int | str] = {}
    count = 0
    for place, row in rows:
        count += 1
        item_id = clean(row.get("item_id"))
        if not item_id:
            raise _fault(_("missing item id"), source, place)
        if item_id not in framework.items and item_id not in framework.replaced:
            raise _fault(_("unknown item id '{item}'").format(item=item_id), source, place)
        if item_id in answers or item_id in old_answers:
            first = places[item_id]
            first = f"row {first}" if isinstance(first, int) else first
            duplicate = _("duplicate item '{item}' (first at {first})")
            raise _fault(duplicate.format(item=item_id, first=first), source, place)
        na_reason = clean(row.get("na_reason"))
        try:
            status, level = _level(row.get("level"), na_reason)
        except ValueError as exc:
            raise _fault(str(exc), source, place, item_id) from None
        # An id of an earlier version is kept aside and mapped once every row is read, so a
        # file that answers the new item as well keeps its own answer.
        target = answers if item_id in framework.items else old_answers
        target[item_id] = Answer(
            item_id=item_id,
            status=status,
            level=level,
            na_reason=na_reason if status == "na" else "",
            evidence=clean(row.get("evidence")),
            comment=clean(row.get("comment")),
        )
        places[item_id] = place
    if count == 0:
        raise KitError(_("no answers in the file"), file=source)
    return ResponseSet(
        framework_id=values["framework"],
        country=values["country"],
        ministry=values["ministry"],
        round=values["round"],
        answers=answers,
        source=source,
        upgrade=_upgrade(framework, answers, old_answers),
    )


def upgrade_notice(upgrade: Upgrade, framework: Framework, source: str) -> str:
    """One line telling the user what reading an older file changed and what to answer.

    Kept apart from ``notices`` (reading problems such as a guessed encoding): the command line
    prints it, and the report lists the same per ministry in its own section."""
    parts = [
        f"{source}: answers items of an earlier version of {framework.id} "
        f"({', '.join(upgrade.old_ids)}), mapped onto version {framework.version}"
    ]
    if upgrade.needs_answer:
        parts.append(f"needs an answer: {', '.join(upgrade.needs_answer)}")
    to_check = [*upgrade.carried, *upgrade.revised]
    if to_check:
        parts.append(f"carried over or revised, check: {', '.join(to_check)}")
    return "; ".join(parts)


def _upgrade(
    framework: Framework, answers: dict[str, Answer], old_answers: dict[str, Answer]
) -> Upgrade | None:
    """Map answers to replaced items onto the current items, in place; None when none."""
    if not old_answers:
        return None
    carried: dict[str, str] = {}
    needs_answer: dict[str, str] = {}
    for old_id, old in old_answers.items():
        rule = framework.replaced[old_id]
        note = f"carried over from {old_id} (version {rule.until}): check"
        for new_id in rule.carried_to:
            if new_id not in answers:
                comment = f"{old.comment} [{note}]" if old.comment else f"[{note}]"
                answers[new_id] = replace(old, item_id=new_id, comment=comment)
                carried[new_id] = old_id
        for new_id in rule.needs_answer:
            if new_id not in answers:
                needs_answer[new_id] = old_id
    revised = {
        i: note
        for i, note in framework.revised.items()
        if i in answers and answers[i].status != "unanswered"
    }
    order = list(framework.items)  # report in checklist order, whatever the file's row order

    def ordered(found: dict[str, str]) -> dict[str, str]:
        return {i: found[i] for i in sorted(found, key=order.index)}

    return Upgrade(tuple(old_answers), ordered(carried), ordered(needs_answer), ordered(revised))


def ordered_answers(responses: ResponseSet, framework: Framework | None) -> list[Answer]:
    """The answers in checklist order (every item) with a framework, else as stored."""
    if framework is None:
        return list(responses.answers.values())
    return [responses.answer(item_id) for item_id in framework.items]

"""One ministry's answers for one round: reading and writing CSV, Excel, YAML and JSON files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from kit.atomic import write_text_atomic
from kit.errors import KitError
from kit.framework import Framework

Status = Literal["level", "na", "dont_know", "unanswered"]

NA_WORDS = {"n/a", "na", "not applicable"}
DONT_KNOW_WORDS = {"don't know", "dont know", "don’t know", "dk", "unknown", "?"}
CSV_COLUMNS = (
    "framework",
    "country",
    "ministry",
    "round",
    "item_id",
    "level",
    "na_reason",
    "evidence",
    "comment",
)
REQUIRED_CSV_COLUMNS = ("framework", "country", "ministry", "round", "item_id", "level")
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

    def answer(self, item_id: str) -> Answer:
        """The answer to an item; an unanswered one when the file has no row for it."""
        return self.answers.get(item_id) or Answer(item_id)

    def with_answer(self, answer: Answer) -> ResponseSet:
        """A copy with one answer set (used by the dashboard as answers are entered)."""
        answers = dict(self.answers)
        answers[answer.item_id] = answer
        return replace(self, answers=answers)


def parse_level(raw: Any, na_reason: str, place: str) -> tuple[Status, float | None]:
    """Turn a cell's text into a status and level; KitError names ``place`` when it is invalid."""
    if raw is None:
        return "unanswered", None
    if isinstance(raw, bool):
        raise KitError(f"{place}: level {raw!r} is not 0-4, N/A or don't know")
    if isinstance(raw, int | float):
        number = float(raw)
    else:
        text = str(raw).strip()
        lowered = text.lower()
        if not text:
            return "unanswered", None
        if lowered in NA_WORDS:
            if not na_reason.strip():
                raise KitError(f"{place}: N/A needs a reason in na_reason")
            return "na", None
        if lowered in DONT_KNOW_WORDS:
            return "dont_know", None
        try:
            number = float(text)
        except ValueError:
            raise KitError(f"{place}: level '{text}' is not 0-4, N/A or don't know") from None
    if number not in (0, 1, 2, 3, 4):
        raise KitError(f"{place}: level {number:g} is outside 0-4")
    return "level", number


def _clean(value: Any) -> str:
    return "" if value is None else str(value).strip()


def build_response_set(
    header: Mapping[str, Any],
    rows: Iterable[tuple[str, Mapping[str, Any]]],
    framework: Framework,
    source: str,
) -> ResponseSet:
    """Check a header and (place, row) pairs against the framework and build a ResponseSet."""
    values = {key: _clean(header.get(key)) for key in HEADER_FIELDS}
    for key in HEADER_FIELDS:
        if not values[key]:
            raise KitError(f"{source}: missing {key}")
    if values["framework"] != framework.id:
        raise KitError(
            f"{source}: answers framework '{values['framework']}', "
            f"but this run uses '{framework.id}'"
        )
    answers: dict[str, Answer] = {}
    old_answers: dict[str, Answer] = {}
    places: dict[str, str] = {}
    count = 0
    for place, row in rows:
        count += 1
        item_id = _clean(row.get("item_id"))
        if not item_id:
            raise KitError(f"{source}: {place}: missing item id")
        if item_id not in framework.items and item_id not in framework.replaced:
            raise KitError(f"{source}: {place}: unknown item id '{item_id}'")
        if item_id in answers or item_id in old_answers:
            raise KitError(
                f"{source}: {place}: duplicate item '{item_id}' (first at {places[item_id]})"
            )
        na_reason = _clean(row.get("na_reason"))
        status, level = parse_level(row.get("level"), na_reason, f"{source}: {place} ({item_id})")
        # An id of an earlier version is kept aside and mapped once every row is read, so a
        # file that answers the new item as well keeps its own answer.
        target = answers if item_id in framework.items else old_answers
        target[item_id] = Answer(
            item_id=item_id,
            status=status,
            level=level,
            na_reason=na_reason if status == "na" else "",
            evidence=_clean(row.get("evidence")),
            comment=_clean(row.get("comment")),
        )
        places[item_id] = place
    if count == 0:
        raise KitError(f"{source}: no answers in the file")
    return ResponseSet(
        framework_id=values["framework"],
        country=values["country"],
        ministry=values["ministry"],
        round=values["round"],
        answers=answers,
        source=source,
        upgrade=_upgrade(framework, answers, old_answers),
    )


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


def load_responses(path: str | Path, framework: Framework) -> ResponseSet:
    """Read one response file (``.csv``, ``.xlsx``, ``.yaml``/``.yml`` or ``.json``) and check it.

    Raises KitError with a one-line message naming the file, the row or item and the fault.
    """
    path = Path(path)
    if not path.is_file():
        raise KitError(f"{path}: response file not found")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from kit.excel import read_response_workbook

        header, rows = read_response_workbook(path)
        return build_response_set(header, rows, framework, str(path))
    data = path.read_bytes()
    if not data.strip():
        raise KitError(f"{path}: empty file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KitError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None
    if suffix == ".csv":
        return _from_csv_text(text, framework, str(path))
    if suffix in (".yaml", ".yml", ".json"):
        return _from_mapping_text(text, suffix, framework, str(path))
    raise KitError(f"{path}: unknown response file type '{suffix}' (use .csv, .xlsx, .yaml, .json)")


def _from_csv_text(text: str, framework: Framework, source: str) -> ResponseSet:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_CSV_COLUMNS if c not in columns]
    if missing:
        raise KitError(f"{source}: missing column '{missing[0]}'")
    reader.fieldnames = columns
    rows = []
    header: dict[str, str] = {}
    for line_no, row in enumerate(reader, start=2):
        if not any(_clean(v) for k, v in row.items() if k is not None):
            continue
        for key in HEADER_FIELDS:
            value = _clean(row.get(key))
            if key not in header:
                header[key] = value
            elif value != header[key]:
                raise KitError(
                    f"{source}: row {line_no}: {key} '{value}' differs from '{header[key]}' "
                    "in the rows above (one file per country, ministry and round)"
                )
        rows.append((f"row {line_no}", row))
    if not rows:
        raise KitError(f"{source}: no answers in the file")
    return build_response_set(header, rows, framework, source)


def _from_mapping_text(text: str, suffix: str, framework: Framework, source: str) -> ResponseSet:
    try:
        data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise KitError(f"{source}: line {exc.lineno}: malformed JSON ({exc.msg})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise KitError(f"{source}: {line}malformed YAML ({problem})") from None
    if data is None:
        raise KitError(f"{source}: empty file")
    if not isinstance(data, dict):
        raise KitError(f"{source}: expected a mapping with framework, country, ministry, round")
    raw_answers = data.get("answers")
    if not isinstance(raw_answers, list):
        raise KitError(f"{source}: missing 'answers' (a list of item, level, evidence, comment)")
    rows = []
    for n, raw in enumerate(raw_answers, start=1):
        if not isinstance(raw, dict):
            raise KitError(f"{source}: answer {n}: expected item, level, evidence, comment")
        row = dict(raw)
        row["item_id"] = row.pop("item", row.get("item_id"))
        rows.append((f"answer {n}", row))
    return build_response_set(data, rows, framework, source)


def _answer_row(responses: ResponseSet, answer: Answer) -> dict[str, str]:
    return {
        "framework": responses.framework_id,
        "country": responses.country,
        "ministry": responses.ministry,
        "round": responses.round,
        "item_id": answer.item_id,
        "level": answer.label,
        "na_reason": answer.na_reason,
        "evidence": answer.evidence,
        "comment": answer.comment,
    }


def _ordered_answers(responses: ResponseSet, framework: Framework | None) -> list[Answer]:
    if framework is None:
        return list(responses.answers.values())
    return [responses.answer(item_id) for item_id in framework.items]


def responses_to_csv(responses: ResponseSet, framework: Framework | None = None) -> str:
    """The CSV text of a response set; with a framework, one row per item in checklist order."""
    # With a framework, a title column helps whoever fills the file in; reading ignores it.
    columns = list(CSV_COLUMNS)
    if framework is not None:
        columns.insert(columns.index("item_id") + 1, "title")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for answer in _ordered_answers(responses, framework):
        row = _answer_row(responses, answer)
        if framework is not None:
            row["title"] = framework.items[answer.item_id].title
        writer.writerow(row)
    return buffer.getvalue()


def responses_to_mapping(responses: ResponseSet, framework: Framework | None = None) -> dict:
    """The YAML/JSON structure of a response set."""
    answers = []
    for answer in _ordered_answers(responses, framework):
        entry: dict[str, Any] = {"item": answer.item_id, "level": answer.label or None}
        if answer.status == "level" and answer.level is not None:
            entry["level"] = int(answer.level)
        for key in ("na_reason", "evidence", "comment"):
            if getattr(answer, key):
                entry[key] = getattr(answer, key)
        answers.append(entry)
    return {
        "framework": responses.framework_id,
        "country": responses.country,
        "ministry": responses.ministry,
        "round": responses.round,
        "answers": answers,
    }


def save_responses(
    responses: ResponseSet, path: str | Path, framework: Framework | None = None
) -> Path:
    """Write a response file atomically (write a temporary file, then rename over the old one).

    The format follows the suffix: ``.csv``, ``.yaml``/``.yml`` or ``.json``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = responses_to_csv(responses, framework)
    elif suffix in (".yaml", ".yml"):
        text = yaml.safe_dump(
            responses_to_mapping(responses, framework), sort_keys=False, allow_unicode=True
        )
    elif suffix == ".json":
        text = json.dumps(responses_to_mapping(responses, framework), indent=2, ensure_ascii=False)
    else:
        raise KitError(f"{path}: cannot save responses as '{suffix}' (use .csv, .yaml, .json)")
    return write_text_atomic(path, text)

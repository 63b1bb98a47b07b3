"""Response files as YAML or JSON: a mapping with the header fields and a list of answers."""

from __future__ import annotations

import json
from typing import Any

import yaml

from kit import i18n
from kit.errors import KitError
from kit.framework import Framework
from kit.responses import ResponseSet, build_response_set, ordered_answers

_ = i18n.translator("kit")


def parse_mapping(text: str, suffix: str, framework: Framework, source: str) -> ResponseSet:
    """Read YAML (``.yaml``, ``.yml``) or JSON text and check it against the framework."""
    data = load_mapping(text, suffix, source)
    if data is None:
        raise KitError(_("empty file"), file=source)
    if not isinstance(data, dict):
        raise KitError(
            _("expected a mapping with framework, country, ministry, round"), file=source
        )
    raw_answers = data.get("answers")
    if not isinstance(raw_answers, list):
        raise KitError(
            _("missing 'answers' (a list of item, level, evidence, comment)"), file=source
        )
    rows = []
    for n, raw in enumerate(raw_answers, start=1):
        if not isinstance(raw, dict):
            raise KitError(
                _("answer {number}: expected item, level, evidence, comment").format(number=n),
                file=source,
            )
        row = dict(raw)
        row["item_id"] = row.pop("item", row.get("item_id"))
        rows.append((f"answer {n}", row))
    return build_response_set(data, rows, framework, source)


def load_mapping(text: str, suffix: str, source: str) -> Any:
    """Parse YAML or JSON text; a syntax error is a KitError naming the line."""
    try:
        return json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise KitError(
            _("line {line}: malformed JSON ({fault})").format(line=exc.lineno, fault=exc.msg),
            file=source,
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or _("not valid YAML")
        fault = _("malformed YAML ({problem})").format(problem=problem)
        if mark is not None:
            fault = _("line {line}: {fault}").format(line=mark.line + 1, fault=fault)
        raise KitError(fault, file=source) from None
    except (ValueError, OverflowError, RecursionError) as exc:
        # Parsed, but a value cannot be built (a date like 2025-13-45, a number too long,
        # a document nested too deeply).
        kind = "JSON" if suffix == ".json" else "YAML"
        raise KitError(
            _("malformed {kind} ({fault})").format(kind=kind, fault=exc or type(exc).__name__),
            file=source,
        ) from None


def responses_to_mapping(responses: ResponseSet, framework: Framework | None = None) -> dict:
    """The YAML/JSON structure of a response set."""
    answers = []
    for answer in ordered_answers(responses, framework):
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


def responses_to_yaml(responses: ResponseSet, framework: Framework | None = None) -> str:
    """The YAML text of a response set."""
    return yaml.safe_dump(
        responses_to_mapping(responses, framework), sort_keys=False, allow_unicode=True
    )


def responses_to_json(responses: ResponseSet, framework: Framework | None = None) -> str:
    """The JSON text of a response set."""
    return json.dumps(responses_to_mapping(responses, framework), indent=2, ensure_ascii=False)

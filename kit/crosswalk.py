"""Crosswalks: a framework's items mapped to another framework's domains, and results regrouped.

A crosswalk file (``kit/frameworks/crosswalks/<framework>--<target>.yaml``, or any YAML path)
names, for each domain of the target framework, the items of the source framework that speak to
it. An item may serve several domains; a domain may have no item (it is then shown as not
covered, never as 0). A domain's percentage is the plain mean of its mapped items' percentages,
N/A items left out, as the area rule does.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kit import i18n
from kit.errors import KitError
from kit.framework import Framework
from kit.scoring import Scorecard

_ = i18n.translator("kit")

SCHEMA = "kit-crosswalk/1"


@dataclass(frozen=True)
class Domain:
    """One domain of the target framework and the source items mapped to it."""

    id: str
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Crosswalk:
    """A mapping from a source framework's items to a target framework's domains."""

    id: str
    framework_id: str
    title: str
    source: str
    domains: tuple[Domain, ...]


@dataclass(frozen=True)
class DomainResult:
    """A country's result on one target domain: ``percent`` None when no mapped item applies."""

    id: str
    title: str
    percent: float | None
    mapped: int
    applicable: int


def builtin_crosswalks(framework_id: str) -> list[str]:
    """Target ids of the crosswalks shipped for a framework (``sdg-10-7-2``, ``gcm-objectives``)."""
    folder = resources.files("kit") / "frameworks" / "crosswalks"
    prefix = f"{framework_id}--"
    return sorted(
        p.name[len(prefix) : -len(".yaml")]
        for p in folder.iterdir()
        if p.name.startswith(prefix) and p.name.endswith(".yaml")
    )


def load_crosswalk(name_or_path: str | Path, framework: Framework) -> Crosswalk:
    """Load a crosswalk by target id (for this framework) or YAML path, checked against the
    framework: unknown item ids, duplicate domains and a wrong framework are KitErrors naming
    the file and the domain."""
    name = str(name_or_path)
    path = Path(name)
    if not path.suffix and not path.exists():
        known = builtin_crosswalks(framework.id)
        if name not in known:
            raise KitError(
                _("no crosswalk from {framework} (built in: {known}; or give a .yaml path)").format(
                    framework=framework.id, known=", ".join(known) or _("none")
                ),
                file=name,
            )
        source = f"crosswalks/{framework.id}--{name}.yaml"
        text = (resources.files("kit") / "frameworks" / source).read_text(encoding="utf-8")
    else:
        if not path.is_file():
            raise KitError(_("crosswalk file not found"), file=path)
        source = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise KitError(_("not UTF-8 text"), file=path) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        raise KitError(_("malformed YAML"), file=source) from None
    return parse_crosswalk(data, framework, source)


def parse_crosswalk(data: Any, framework: Framework, source: str) -> Crosswalk:
    """Check a crosswalk's parsed YAML against the framework it maps from."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise KitError(
            _("not a crosswalk file (schema: {schema} missing)").format(schema=SCHEMA), file=source
        )
    if data.get("framework") != framework.id:
        raise KitError(
            _("maps framework '{found}', not '{expected}'").format(
                found=data.get("framework"), expected=framework.id
            ),
            file=source,
        )
    target = data.get("target")
    if not isinstance(target, dict) or not target.get("id") or not target.get("title"):
        raise KitError(_("target needs an id and a title"), file=source)
    raw_domains = data.get("domains")
    if not isinstance(raw_domains, list) or not raw_domains:
        raise KitError(_("domains: a list of domains is needed"), file=source)
    domains: list[Domain] = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_domains, start=1):
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("title"):
            raise KitError(
                _("domain {number}: needs an id and a title").format(number=n), file=source
            )
        domain_id = str(raw["id"])
        if domain_id in seen:
            raise KitError(_("domain '{id}' appears twice").format(id=domain_id), file=source)
        seen.add(domain_id)
        items = raw.get("items") or []
        if not isinstance(items, list):
            raise KitError(
                _("domain '{id}': items must be a list").format(id=domain_id), file=source
            )
        for item_id in items:
            if item_id not in framework.items:
                raise KitError(
                    _("domain '{id}': unknown item '{item}' (not in {framework})").format(
                        id=domain_id, item=item_id, framework=framework.id
                    ),
                    file=source,
                )
        if len(set(items)) != len(items):
            raise KitError(
                _("domain '{id}': an item is listed twice").format(id=domain_id), file=source
            )
        domains.append(Domain(domain_id, str(raw["title"]), tuple(map(str, items))))
    return Crosswalk(
        id=str(target["id"]),
        framework_id=framework.id,
        title=str(target["title"]),
        source=str(target.get("source", "")),
        domains=tuple(domains),
    )


def regroup(crosswalk: Crosswalk, card: Scorecard) -> list[DomainResult]:
    """The scorecard's item percentages regrouped by the crosswalk's domains (N/A left out)."""
    results = []
    for domain in crosswalk.domains:
        values = [card.items[i].percent for i in domain.items if card.items[i].percent is not None]
        percent = sum(values) / len(values) if values else None
        results.append(
            DomainResult(domain.id, domain.title, percent, len(domain.items), len(values))
        )
    return results

"""The data folder of the dashboard and the batch: ``DIR/<country>/<round>/<ministry>.<ext>``."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from kit.errors import KitError
from kit.framework import Framework
from kit.responses import ResponseSet, load_responses

#: Suffixes a response file may have, in the order preferred when one ministry has several.
READ_SUFFIXES = (".csv", ".yaml", ".yml", ".json", ".xlsx")
#: Suffixes ``kit.responses.save_responses`` can write; an Excel file is saved beside it as CSV.
SAVE_SUFFIXES = (".csv", ".yaml", ".yml", ".json")


def slugify(text: str) -> str:
    """A folder or file name for a country, round or ministry: ``Ministry of Interior`` ->
    ``ministry-of-interior``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _round_key(name: str) -> tuple[int, float | str]:
    # Rounds are usually years; numbers sort numerically, anything else after them by name.
    try:
        return (0, float(name))
    except ValueError:
        return (1, name)


def countries(data_dir: Path) -> list[str]:
    """Country folders (slugs) that hold at least one round folder, sorted."""
    if not data_dir.is_dir():
        return []
    return sorted(
        p.name
        for p in data_dir.iterdir()
        if p.is_dir() and not p.name.startswith(".") and any(q.is_dir() for q in p.iterdir())
    )


def rounds(data_dir: Path, country: str) -> list[str]:
    """Round folders of a country, oldest first (numeric names sort as numbers)."""
    folder = data_dir / country
    if not folder.is_dir():
        return []
    names = [p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return sorted(names, key=_round_key)


def previous_round(data_dir: Path, country: str, round_: str) -> str | None:
    """The latest round folder of the country earlier than ``round_``, if any."""
    earlier = [r for r in rounds(data_dir, country) if _round_key(r) < _round_key(round_)]
    return earlier[-1] if earlier else None


def response_files(folder: Path) -> dict[str, Path]:
    """Response files of one round folder by ministry slug (file stem).

    When one ministry has several files (an imported Excel file and the CSV the dashboard saved
    beside it), the first suffix in ``READ_SUFFIXES`` wins: that is the file the dashboard writes.
    """
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for suffix in READ_SUFFIXES:
        for path in sorted(folder.glob(f"*{suffix}")):
            if path.name.startswith((".", "~$")) or not path.is_file():
                continue
            found.setdefault(path.stem, path)
    return found


def snapshot(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Every response file under ``data_dir`` with its modification time and size, to tell
    cheaply whether anything changed since."""
    found = []
    for path in sorted(data_dir.rglob("*")):
        if path.suffix.lower() in READ_SUFFIXES and path.is_file():
            info = path.stat()
            found.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(found)


def peek_header(path: Path) -> dict[str, str]:
    """The framework, country, ministry and round a response file declares, read cheaply.

    Missing or unreadable values are left out (an Excel file is not peeked: it needs the
    workbook reader); loading the file with ``load_responses`` gives the precise error.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            data = next(csv.DictReader(io.StringIO(text)), None)
        elif suffix == ".json":
            data = json.loads(text)
        elif suffix in (".yaml", ".yml"):
            data = yaml.safe_load(text)
        else:
            return {}
    except (ValueError, yaml.YAMLError, csv.Error):
        return {}
    if not isinstance(data, dict):
        return {}
    header = {}
    for key in ("framework", "country", "ministry", "round"):
        value = data.get(key)
        if isinstance(value, str | int) and str(value).strip():
            header[key] = str(value).strip()
    return header


def names(folder: Path) -> dict[str, str]:
    """Display names of the ministries of a round folder by slug (the file stem as fallback)."""
    return {
        slug: peek_header(path).get("ministry", slug)
        for slug, path in response_files(folder).items()
    }


def find_ministry_file(folder: Path, ministry: str) -> Path | None:
    """The response file of a ministry in a round folder: by file name, else by the name inside.

    Files need not be named after the ministry's slug (``interior.csv`` may hold the Ministry of
    the Interior), so the ministry named inside each file counts too.
    """
    files = response_files(folder)
    slug = slugify(ministry)
    if slug in files:
        return files[slug]
    for found_slug, name in names(folder).items():
        if slugify(name) == slug:
            return files[found_slug]
    return None


def country_name(data_dir: Path, country: str) -> str:
    """A country folder's display name, from the first response file found in it."""
    for round_ in reversed(rounds(data_dir, country)):
        for path in response_files(data_dir / country / round_).values():
            name = peek_header(path).get("country")
            if name:
                return name
    return country


@dataclass(frozen=True)
class RoundFiles:
    """The readable response sets of one round folder, and a message for each unreadable file."""

    response_sets: tuple[ResponseSet, ...]
    problems: tuple[str, ...]


def load_round(
    data_dir: Path, country: str, round_: str, framework: Framework, skip: Path | None = None
) -> RoundFiles:
    """Load every ministry's file of a round; a file that fails is reported, the rest go on.

    ``skip`` is a file left out (the one being edited, held in memory instead), with any other
    file of the same stem (an Excel file the dashboard saved beside as CSV).
    """
    sets: list[ResponseSet] = []
    problems: list[str] = []
    for path in response_files(data_dir / country / round_).values():
        if skip is not None and path.parent == skip.parent and path.stem == skip.stem:
            continue
        try:
            sets.append(load_responses(path, framework))
        except KitError as exc:
            problems.append(str(exc))
    return RoundFiles(tuple(sets), tuple(problems))

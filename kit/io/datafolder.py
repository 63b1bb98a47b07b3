"""The data folder of the dashboard and the batch: ``DIR/<country>/<round>/<ministry>.<ext>``.

``assess_round`` assesses one round of one country from such a folder, with the policy as a
parameter: strict (the command line, the batch: a file that cannot be read stops the report) or
tolerant (the dashboard: the file is left out and named, the rest is assessed).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kit import i18n
from kit.assessment import Assessment, assess
from kit.errors import KitError
from kit.framework import DEFAULT_FRAMEWORK, Framework, builtin_frameworks, load_framework
from kit.io.csvtext import decode, peek_csv
from kit.io.formats import READ_SUFFIXES, load_responses
from kit.io.structured import load_mapping
from kit.responses import ResponseSet

_ = i18n.translator("kit")

#: Files of a round folder that are not a ministry's answers: the review comments, the validation
#: record and the action plan (kit.io.review, kit.io.validation) live beside the responses.
RECORD_FILES = frozenset({"review.csv", "validation.json", "actions.csv"})


#: Letters of scripts without a Latin decomposition, spelt in Latin letters: a readable prefix
#: for the file name (the hash after it is what makes the name unique).
_LATIN = str.maketrans(
    {
        # Cyrillic (Russian, Ukrainian, ...), after common passport practice.
        **dict(zip("абвгдезийклмнопрстуфыэі", "abvgdezijklmnoprstufyei", strict=True)),
        **{"ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"},
        **{"ъ": "", "ь": "", "ю": "yu", "я": "ya", "ї": "yi", "є": "ye", "ґ": "g"},
        # Arabic letters (short vowels are not written, so they are not spelt here either).
        **dict(zip("ابتجحدرزسصضطظعفقكلمنهوي", "abtjhdrzssdtzafqklmnhwy", strict=True)),
        **{"ث": "th", "خ": "kh", "ذ": "dh", "ش": "sh", "غ": "gh", "ة": "a", "ى": "a"},
        **{"آ": "a", "أ": "a", "إ": "i", "ؤ": "w", "ئ": "y", "ء": ""},
    }
)


def slugify(text: str) -> str:
    """A safe, stable folder or file name for a country, round or ministry, in any script.

    Latin script: ``Ministry of Interior`` -> ``ministry-of-interior``, ``Ministère de
    l'Intérieur`` -> ``ministere-de-l-interieur`` (as always: existing folders keep their names).
    A name with letters of another script (Arabic, Cyrillic, Chinese, ...) would lose them, and
    two such ministries would share one file: it gets a Latin spelling where one is known (else
    ``name``) plus 8 hex digits of the SHA-256 of the name as typed (NFC, case-folded, spaces
    collapsed), e.g. ``وزارة الداخلية`` -> ``wzara-aldakhlya-<8 hex>``, the same on every run.
    The display name stays as typed inside the file.
    """
    # Digits of any script are digits: a round typed ``٢٠٢٥`` is the folder ``2025``.
    text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)
    plain = _ascii_slug(text)
    if not any(_other_script(ch) for ch in unicodedata.normalize("NFKD", text)):
        return plain
    canonical = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]
    readable = _ascii_slug(canonical.translate(_LATIN))[:40].strip("-") or "name"
    return f"{readable}-{digest}"


def _other_script(ch: str) -> bool:
    """A letter or digit that is not ASCII and not Latin (``ß`` is Latin, ``ش`` is not)."""
    return ord(ch) >= 128 and ch.isalnum() and not unicodedata.name(ch, "").startswith("LATIN")


def _ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def round_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a round folder name: digit runs compare as numbers, the rest as text.

    Rounds are usually years (``2023`` before ``2025``); ``round-9`` comes before ``round-10``
    and ``2025`` before ``2025-q2``.
    """
    parts = re.findall(r"\d+|\D+", name.lower())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


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
    return sorted(names, key=round_key)


def previous_round(data_dir: Path, country: str, round_: str) -> str | None:
    """The latest round folder of the country earlier than ``round_``, if any."""
    earlier = [r for r in rounds(data_dir, country) if round_key(r) < round_key(round_)]
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
            if path.name.startswith((".", "~$")) or path.name in RECORD_FILES:
                continue
            if not path.is_file():
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

    Missing or unreadable values are left out (a workbook is not peeked: it needs the workbook
    reader); loading the file with ``load_responses`` gives the precise error.
    """
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
        if suffix in (".csv", ".tsv", ".txt"):
            data = peek_csv(raw, str(path))
        elif suffix in (".json", ".yaml", ".yml"):
            data = load_mapping(decode(raw, str(path)).text, suffix, str(path))
        else:
            return {}
    except (OSError, KitError):
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
    data_dir: Path,
    country: str,
    round_: str,
    framework: Framework,
    skip: Path | None = None,
    strict: bool = False,
) -> RoundFiles:
    """Load every ministry's file of a round.

    Strict, a file that fails raises its KitError; tolerant, it is named in ``problems`` and
    the rest go on. ``skip`` is a file left out (the one being edited, held in memory instead),
    with any other file of the same stem (an Excel file the dashboard saved beside as CSV).
    """
    sets: list[ResponseSet] = []
    problems: list[str] = []
    for path in response_files(data_dir / country / round_).values():
        if skip is not None and path.parent == skip.parent and path.stem == skip.stem:
            continue
        try:
            sets.append(load_responses(path, framework))
        except KitError as exc:
            if strict:
                raise
            problems.append(str(exc))
    return RoundFiles(tuple(sets), tuple(problems))


@dataclass(frozen=True)
class RoundAssessment:
    """A round assessed from a data folder, and what was left out and why (tolerant policy)."""

    assessment: Assessment
    problems: tuple[str, ...] = ()


def framework_of(files: Sequence[Path]) -> Framework:
    """The built-in framework the first response file declares (the default when it says none)."""
    declared = peek_header(files[0]).get("framework", DEFAULT_FRAMEWORK) if files else None
    if declared not in builtin_frameworks():
        raise KitError(_("unknown framework '{id}'").format(id=declared), file=files[0])
    return load_framework(declared)


def assess_round(
    data_dir: Path,
    country: str,
    round_: str | None = None,
    *,
    strict: bool,
    framework: Framework | None = None,
    editing: ResponseSet | None = None,
    editing_path: Path | None = None,
) -> RoundAssessment:
    """Assess one country's round (default the latest) against the round before it.

    ``strict`` (command line, batch): any file that cannot be read, or that belongs elsewhere,
    raises a KitError naming it; a country is never reported with a ministry silently missing.
    Tolerant (dashboard): such files are left out and named in ``problems``, and a previous round
    that cannot be compared is dropped with a problem. ``editing`` is one ministry's answers as
    they are on the page; its file on disk (``editing_path``) is not read. ``framework`` defaults
    to the built-in one the first file declares.
    """
    data_dir = Path(data_dir)
    slug = slugify(country)
    have = rounds(data_dir, slug)
    if not have and editing is None:
        raise KitError(
            _("no round folders for {country}").format(country=country), file=data_dir / slug
        )
    current_round = slugify(round_) if round_ else have[-1]
    if current_round not in have and editing is None:
        missing = _("no round '{round}' (have: {rounds})").format(
            round=round_, rounds=", ".join(have)
        )
        raise KitError(missing, file=data_dir / slug)
    files = list(response_files(data_dir / slug / current_round).values())
    if not files and editing is None:
        raise KitError(_("no response files"), file=data_dir / slug / current_round)
    framework = framework or framework_of(files)

    loaded = load_round(data_dir, slug, current_round, framework, editing_path, strict)
    problems = list(loaded.problems)
    current = [editing] if editing is not None else []
    for rs in loaded.response_sets:
        if strict or not current:
            current.append(rs)  # strict: assess() refuses files of another country or round
        elif editing is not None and rs.ministry == editing.ministry:
            problems.append(f"{rs.source}: left out, {rs.ministry} is answered on this page")
        elif rs.country == current[0].country and rs.round == current[0].round:
            current.append(rs)
        else:
            problems.append(
                f"{rs.source}: left out, it is for {rs.country} {rs.round}, "
                f"not {current[0].country} {current[0].round}"
            )
    if not current:
        raise KitError(_("no readable response files"), file=data_dir / slug / current_round)

    previous = None
    earlier = previous_round(data_dir, slug, current_round)
    if earlier is not None:
        before = load_round(data_dir, slug, earlier, framework, strict=strict)
        problems.extend(before.problems)
        previous = [
            rs for rs in before.response_sets if strict or rs.country == current[0].country
        ] or None
    if strict:
        return RoundAssessment(assess(framework, current, previous))
    try:
        return RoundAssessment(assess(framework, current, previous), tuple(problems))
    except KitError as exc:
        problems.append(f"previous round left out: {exc}")
        return RoundAssessment(assess(framework, current), tuple(problems))

"""Hand-ins as files: notebooks saved by the course pack's "Download submission" button.

An official working in the static course pack downloads ``<assignment> - <Full Name>.ipynb``
(``kit.teaching.submission_download``) with ``metadata.kit = {assignment, official}`` and sends
it by e-mail or on a USB stick. ``kit course collect ASSIGNMENT --files DIR`` matches each file
to the roster, refuses what is not that assignment's, and files the rest in nbgrader's
``submitted/<student>/<assignment>/`` layout, each in one rename.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kit import i18n
from kit.course.roster import load_roster
from kit.errors import KitError

_ = i18n.translator("kit")

#: What ``kit.teaching.submission_filename`` puts between the assignment and the name.
NAME_SEPARATOR = " - "


@dataclass(frozen=True)
class HandIn:
    """One file of the folder: accepted for ``student``, or refused with ``reason``."""

    path: Path
    student: str = ""
    official: str = ""
    reason: str = ""

    @property
    def accepted(self) -> bool:
        return not self.reason


def name_key(text: str) -> str:
    """A name as compared with the roster: case, accents and extra spaces do not count."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _roster_index(roster: dict[str, dict[str, str]]) -> dict[str, str]:
    """Roster names and ids (as compared) to student ids."""
    index: dict[str, str] = {}
    for student, row in roster.items():
        index[name_key(student)] = student
        if row.get("name"):
            index[name_key(row["name"])] = student
    return index


def _grade_ids(notebook: dict, key: str) -> set[str]:
    """grade_ids of the cells whose nbgrader metadata sets ``key`` (solution, grade, ...)."""
    ids = set()
    for cell in notebook.get("cells") or []:
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if isinstance(meta, dict) and meta.get(key) and meta.get("grade_id"):
            ids.add(str(meta["grade_id"]))
    return ids


def release_notebook(root: Path, assignment: str) -> dict:
    """The notebook officials were given (release/), against which hand-ins are checked."""
    path = root / "release" / assignment / f"{assignment}.ipynb"
    if not path.is_file():
        raise KitError(
            _("not built yet; run `kit course build {name}`").format(name=assignment), file=path
        )
    return json.loads(path.read_text(encoding="utf-8"))


def examine(path: Path, assignment: str, release: dict, index: dict[str, str]) -> HandIn:
    """Accept ``path`` for a student of the roster, or say in one phrase why not."""
    if path.suffix.lower() != ".ipynb":
        return HandIn(path, reason=_("not a notebook (.ipynb) of {name}").format(name=assignment))
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
            raise ValueError("no cells")
    except (UnicodeDecodeError, ValueError):
        return HandIn(path, reason=_("not a notebook: the file is damaged or not JSON"))
    kit_meta = (notebook.get("metadata") or {}).get("kit") or {}
    if not isinstance(kit_meta, dict):
        kit_meta = {}
    stem_assignment, _sep, stem_name = path.stem.partition(NAME_SEPARATOR)
    claimed = str(kit_meta.get("assignment") or stem_assignment).strip()
    if claimed != assignment:
        return HandIn(
            path,
            reason=_("it is assignment {claimed}, not {name}").format(
                claimed=claimed or _("(none)"), name=assignment
            ),
        )
    answers = _grade_ids(release, "solution")
    mine = _grade_ids(notebook, "grade") | _grade_ids(notebook, "solution")
    ours = _grade_ids(release, "grade") | answers
    if not (mine & answers) or (mine - ours):
        return HandIn(
            path,
            reason=_("not a notebook of {name}: its graded cells differ").format(name=assignment),
        )
    official = " ".join(str(kit_meta.get("official") or stem_name).split())
    if not official:
        return HandIn(path, reason=_("no official's name in the file or its name"))
    student = index.get(name_key(official))
    if student is None:
        return HandIn(
            path,
            official=official,
            reason=_("'{official}' is not on the course roster").format(official=official),
        )
    return HandIn(path, student=student, official=official)


def examine_folder(root: Path, assignment: str, folder: Path, roster: Path) -> list[HandIn]:
    """Every file of ``folder``, accepted or refused; two files of one official refuse both."""
    if not folder.is_dir():
        raise KitError(_("folder of hand-in files not found"), file=folder)
    people = load_roster(roster)
    if not people:
        raise KitError(_("the roster lists nobody"), file=roster)
    index = _roster_index(people)
    release = release_notebook(root, assignment)
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise KitError(_("no files in it"), file=folder)
    found = [examine(p, assignment, release, index) for p in files]
    by_student: dict[str, list[HandIn]] = {}
    for item in found:
        if item.accepted:
            by_student.setdefault(item.student, []).append(item)
    result = []
    for item in found:
        twins = [t.path.name for t in by_student.get(item.student, []) if t is not item]
        if item.accepted and twins:
            item = HandIn(
                item.path,
                official=item.official,
                reason=_("duplicate: {student}'s work is also in {files}; keep one file").format(
                    student=item.student, files=", ".join(twins)
                ),
            )
        result.append(item)
    return result


def file_submission(root: Path, assignment: str, item: HandIn) -> Path:
    """Put an accepted file in submitted/<student>/<assignment>/ in one rename (replacing any
    earlier one), with the release's other files beside it and the file's time as timestamp."""
    target = root / "submitted" / item.student / assignment
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kit-handin-", dir=target.parent))
    try:
        built = staging / assignment
        # The data files the official had beside the notebook; the notebook is theirs.
        shutil.copytree(root / "release" / assignment, built)
        shutil.copy2(item.path, built / f"{assignment}.ipynb")
        stamp = datetime.fromtimestamp(item.path.stat().st_mtime, UTC)
        (built / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f UTC\n"))
        if target.exists():
            target.rename(staging / "previous")
        try:
            built.rename(target)
        except OSError:
            if (staging / "previous").exists():
                (staging / "previous").rename(target)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target

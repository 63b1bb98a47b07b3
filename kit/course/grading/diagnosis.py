"""Why a submission lost marks or could not be graded, in words a trainer can act on."""

from __future__ import annotations

from pathlib import Path

import nbformat

from kit.course.grading.sandbox import OUTPUT_CAP_NOTE, Limits

# Read the words off nbgrader's and nbclient's own messages; order = order shown to the trainer.
_FAILURE_SIGNS = [
    (("NotJSONError", "does not appear to be JSON", "Notebook does not appear"), "not-json"),
    (("DeadKernelError", "Kernel died", "kernel died"), "kernel-died"),
    (("UnresponsiveKernelError", "kernel became unresponsive"), "unresponsive"),
    (("ValidationError", "SchemaTooOld", "SchemaTooNew"), "invalid-notebook"),
]


def reason_text(code: str, limits: Limits) -> str:
    """The sentence for a reason code."""
    return {
        "not-json": "the file is not a notebook (not valid JSON); graded as missing: zero",
        "invalid-notebook": "the notebook's structure is invalid; graded as missing: zero",
        "kernel-died": (
            "the Python kernel died (a crash, or killed at the CPU or process limit); "
            "graded as missing: zero"
        ),
        "unresponsive": "the kernel stopped responding; graded as missing: zero",
        "failed": "nbgrader could not grade it; graded as missing: zero",
        "timeout": f"a cell ran longer than {limits.cell_timeout} s and was stopped",
        "memory": f"a cell ran out of memory (limit {limits.memory_mb} MB)",
        "output": f"printed more than {limits.output_mb:g} MB of output; the rest was dropped",
        "permission": (
            "code tried to reach files outside its own folder (other officials' work or the "
            "gradebook): refused"
        ),
        "locked-cells": "locked test cells were edited or deleted; nbgrader restored them",
        "missing-notebook": "no notebook submitted; zero",
    }.get(code, code)


def failure_reasons(log: str) -> list[str]:
    """Reason codes for a submission nbgrader could not grade, read from its log."""
    for signs, code in _FAILURE_SIGNS:
        if any(sign in log for sign in signs):
            return [code]
    return ["failed"]


def log_reasons(log: str) -> list[str]:
    """Reason codes visible in the log of a successful autograde."""
    reasons = []
    # Checksums always differ where the release hid tests, so only a deletion counts here;
    # edits are found by comparing with the release (locked_cells_changed).
    if "Missing grade cell" in log or "Missing task cell" in log:
        reasons.append("locked-cells")
    if "No submitted file" in log:
        reasons.append("missing-notebook")
    return reasons


def notebook_reasons(folder: Path, course: Path | None = None) -> list[str]:
    """Reason codes visible in the outputs of the autograded notebooks of one submission."""
    reasons: list[str] = []
    for path in sorted(folder.glob("*.ipynb")) if folder.is_dir() else []:
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:  # an autograded notebook we cannot read adds no reason
            continue
        for cell in nb.cells:
            for code in _cell_reasons(cell.get("outputs", []), course):
                if code not in reasons:
                    reasons.append(code)
    return reasons


def _cell_reasons(outputs, course: Path | None) -> list[str]:
    capped = any(
        o.get("output_type") == "stream" and OUTPUT_CAP_NOTE in o.get("text", "") for o in outputs
    )
    found = ["output"] if capped else []
    for output in outputs:
        if output.get("output_type") != "error":
            continue
        name, value = output.get("ename", ""), str(output.get("evalue", ""))
        if name in ("CellTimeoutError", "TimeoutError") or (
            name == "KeyboardInterrupt" and not capped
        ):
            found.append("timeout")
        elif name == "MemoryError":
            found.append("memory")
        elif name == "PermissionError" or (
            name in ("FileNotFoundError", "NotADirectoryError") and course and str(course) in value
        ):
            # The course folder is covered inside the kernel: its files look absent or refused.
            found.append("permission")
    return found


def locked_cells_changed(release: Path, submitted: Path) -> list[str]:
    """Grade ids of locked cells of the release that a submission deleted or edited."""
    changed: list[str] = []
    for release_path in sorted(release.glob("*.ipynb")) if release.is_dir() else []:
        try:
            theirs = nbformat.read(submitted / release_path.name, as_version=4)
        except Exception:  # a missing or unreadable notebook is reported by nbgrader's failure
            continue
        mine = nbformat.read(release_path, as_version=4)
        sources = {
            cell.metadata.get("nbgrader", {}).get("grade_id"): cell.source
            for cell in theirs.cells
            if isinstance(cell.get("metadata"), dict)
        }
        for cell in mine.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("locked") and meta.get("grade_id"):
                if sources.get(meta["grade_id"]) != cell.source:
                    changed.append(meta["grade_id"])
    return changed

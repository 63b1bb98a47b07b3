"""One grading at a time per course folder: kit's autograde, the grading-on-submission service
and the formgrader's Autograde button take the same lock.

Why: the service grades as root and hands the files back to the course's owner when it has
finished; the formgrader grades as that owner. Grading the same hand-in at once, the formgrader
failed on the files root still held ("Operation not permitted"). With one lock per course the
second one waits for the first, then grades as usual.

The lock is ``flock`` on the file ``.kit-grading.lock`` in the course folder: released by the
kernel when its holder ends, however it ends. kit takes it around a whole grading run
(:func:`course_lock`); the formgrader, which runs stock nbgrader, takes it for each submission
through nbgrader's convert hooks (:func:`before_autograde`, :func:`after_autograde`), set in the
course's ``nbgrader_config.py``::

    c.Autograde.pre_convert_hook = "kit.course.grading.lock.before_autograde"
    c.Autograde.post_convert_hook = "kit.course.grading.lock.after_autograde"

Standard library only: nbgrader imports it while it reads its configuration.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".kit-grading.lock"
#: Longest a formgrader holds the lock when nbgrader skipped the hook that releases it (a
#: submission that raised): then the service is never held up for longer than this.
HOOK_HOLD_SECONDS = 30 * 60

# Course folders whose lock this process holds: {folder: (fd, depth)}. Inherited by the
# processes kit forks to grade (its workers run nbgrader, whose hooks must then not wait).
_HELD: dict[str, tuple[int, int]] = {}
# Locks taken by the formgrader's hook: {folder: (fd, timer)}.
_HOOKED: dict[str, tuple[int, threading.Timer]] = {}


def _key(root: Path | str) -> str:
    return str(Path(root).resolve())


def _open_locked(root: Path | str, wait: bool) -> int | None:
    """An open file holding the course's lock, or None if busy and ``wait`` is false."""
    path = Path(root) / LOCK_FILE
    # Read-only is enough for flock: the course's owner and root can both open it, whoever
    # created it.
    fd = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


def held_here(root: Path | str) -> bool:
    """True when this process (or the kit process it was forked from) holds the lock."""
    return _key(root) in _HELD or _key(root) in _HOOKED


@contextmanager
def course_lock(root: Path | str, wait: bool = True):
    """Hold the course's grading lock for the block (again in the same process: no wait).

    Yields True; with ``wait=False`` yields False at once when someone else holds it."""
    key = _key(root)
    if key in _HELD:
        fd, depth = _HELD[key]
        _HELD[key] = (fd, depth + 1)
        try:
            yield True
        finally:
            fd, depth = _HELD[key]
            _HELD[key] = (fd, depth - 1)
        return
    fd = _open_locked(root, wait)
    if fd is None:
        yield False
        return
    _HELD[key] = (fd, 1)
    try:
        yield True
    finally:
        del _HELD[key]
        os.close(fd)  # releases the lock


def wait_until_free(root: Path | str, poll: float = 0.05) -> None:
    """Block until nobody holds the course's lock (without taking it)."""
    while True:
        with course_lock(root, wait=False) as got:
            if got:
                return
        time.sleep(poll)


def _course_of(notebooks) -> Path | None:
    """The course folder of nbgrader's submitted notebooks (``<course>/submitted/...``)."""
    for notebook in notebooks or ():
        for folder in Path(notebook).resolve().parents:
            if folder.name == "submitted":
                return folder.parent
    return None


def before_autograde(assignment=None, student=None, notebooks=None, **_) -> None:
    """nbgrader's pre-convert hook: wait for the course's lock and take it (the formgrader)."""
    root = _course_of(notebooks)
    if root is None or held_here(root):  # kit's own workers: their run holds it already
        return
    fd = _open_locked(root, wait=True)
    key = _key(root)
    timer = threading.Timer(HOOK_HOLD_SECONDS, _release_hooked, args=(key,))
    timer.daemon = True
    _HOOKED[key] = (fd, timer)
    timer.start()


def after_autograde(assignment=None, student=None, notebooks=None, **_) -> None:
    """nbgrader's post-convert hook: release what :func:`before_autograde` took."""
    root = _course_of(notebooks)
    if root is not None:
        _release_hooked(_key(root))


def _release_hooked(key: str) -> None:
    entry = _HOOKED.pop(key, None)
    if entry is not None:
        fd, timer = entry
        timer.cancel()
        os.close(fd)

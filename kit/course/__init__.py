"""The trainer's workflow over nbgrader: course commands, safe parallel autograding, analytics."""

__all__ = ["run"]


def run(argv: list[str]) -> int:
    """Run ``kit course ...`` with the arguments after ``course``; see :mod:`kit.course.cli`."""
    from kit.course.cli import run as _run

    return _run(argv)

"""Grading on submission on the hub: one worker per course, run by JupyterHub as a service.

Each course gets a managed hub service ``<course>-grading`` (no web page, no route) running
``kit course grade-on-submit`` on the course folder (kit/course/ongrade.py). It runs as root
because the sandbox starts each official's kernel as the unprivileged grading user and hides
the course folder from it; nbgrader's exchange steps it runs as the course's grader account,
and the files it writes are handed back to that account. JupyterHub restarts it if it stops.
"""

from __future__ import annotations

from kit.hub.settings import Course, HubSettings


def service_name(course: Course) -> str:
    return f"{course.id}-grading"


def grading_service(settings: HubSettings, course: Course) -> dict:
    """The JupyterHub service entry that grades ``course``'s hand-ins as they arrive."""
    folder = settings.course_dir(course)
    # Root's own scratch folder (kernel connection files), outside every account's reach.
    scratch = settings.data_dir / "grading" / course.id
    return {
        "name": service_name(course),
        "command": [
            f"{settings.python_bin}/kit",
            "course",
            "grade-on-submit",
            "--dir",
            str(folder),
            "--owner",
            course.grader,
            "--no-progress",
        ],
        "cwd": str(folder),
        "environment": {
            "PATH": f"{settings.python_bin}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(scratch),
            # The exchange's place, as every server of the hub reads it.
            "JUPYTER_CONFIG_PATH": str(settings.etc / "common"),
        },
    }


def prepare_scratch(settings: HubSettings) -> None:
    """Each worker's scratch folder, root's alone (0700)."""
    for course in settings.courses:
        scratch = settings.data_dir / "grading" / course.id
        scratch.mkdir(parents=True, exist_ok=True)
        scratch.chmod(0o700)
        scratch.parent.chmod(0o700)


def grading_services(settings: HubSettings) -> list[dict]:
    """One grading service per course."""
    prepare_scratch(settings)
    return [grading_service(settings, course) for course in settings.courses]

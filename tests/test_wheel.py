"""Does the kit work installed from its wheel (not editable), from an empty folder?

The wheel is built from a clean copy of the repository and installed with pip, dependencies
and all (from pip's cache when it is warm), into a fresh virtual environment: what a ministry's
IT officer does. Nothing of the test environment is visible there.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import venv
import zipfile
from pathlib import Path

import pytest
from repo import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.grading, pytest.mark.timeout(600)]

#: Never copied into the build: environments, generated and cached files.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", ".hub-*", "build", "dist", "*.egg-info", "__pycache__", ".*_cache",
    ".hypothesis", "artifacts", "node_modules", ".ipynb_checkpoints", "release", "submitted",
    "autograded", "feedback", "*.db",
)  # fmt: skip


class Installed:
    """The fresh environment: its bin/, an empty working folder and a home of its own."""

    def __init__(self, root: Path, source: Path, wheel: Path) -> None:
        self.source = source
        self.wheel = wheel
        self.env = root / "env"
        self.bin = self.env / "bin"
        self.home = root / "home"
        self.cwd = root / "empty"
        self.home.mkdir()
        self.cwd.mkdir()
        # Only the fresh environment on PATH; no variable of the test run leaks in.
        path = os.pathsep.join([str(self.bin), os.defpath])
        self.environ = {"PATH": path, "HOME": str(self.home), "LANG": "C.UTF-8"}

    def run(self, *argv: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / argv[0]), *argv[1:]],
            cwd=self.cwd,
            env=self.environ,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def start(self, *argv: str, log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            return subprocess.Popen(
                [str(self.bin / argv[0]), *argv[1:]],
                cwd=self.cwd,
                env=self.environ,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def package_files(self) -> dict[str, int]:
        """Every file of the installed package with its size (to prove nothing is written);
        Python's own byte-code caches aside."""
        site = Path(self.run("python", "-c", "import kit; print(kit.__file__)").stdout.strip())
        files = (p for p in site.parent.rglob("*") if p.is_file())
        return {str(p): p.stat().st_size for p in files if "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    """The wheel built from a clean copy of the repository, installed into a fresh venv."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    dist = root / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, source],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    (wheel,) = dist.glob("migration_governance_kit-*.whl")
    kit = Installed(root, source, wheel)
    venv.create(kit.env, with_pip=True)
    # The versions this test run uses, so that pip resolves at once; no byte-compiling of the
    # ~150 dependencies (minutes of CPU): Python compiles what it imports.
    freeze = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
    )
    pins = [line for line in freeze.stdout.splitlines() if "==" in line]
    (root / "constraints.txt").write_text("\n".join(pins) + "\n", encoding="utf-8")
    install = kit.run(
        "python", "-m", "pip", "install", "--quiet", "--no-compile", "--disable-pip-version-check",
        "-c", str(root / "constraints.txt"), str(wheel), timeout=900,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    return kit


def _shipped(folder: Path, skip_python: bool = False) -> set[Path]:
    """Files of ``folder`` (in the copy the wheel was built from) that the wheel must carry."""
    return {
        p.relative_to(folder)
        for p in folder.rglob("*")
        if p.is_file() and not (skip_python and p.suffix == ".py")
    }


def test_the_wheel_carries_the_course_and_nothing_generated(installed):
    """Does the wheel hold every lesson, graded source, dataset, framework, template and
    notebook, and no generated or stale file?"""
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    source = installed.source
    wanted = {
        "kit": _shipped(source / "kit"),
        "kit/_bundled/curriculum": _shipped(source / "curriculum"),
        "kit/_bundled/assessment": _shipped(source / "assessment"),
        # The generator scripts stay in the repository; their data ships.
        "kit/_bundled/datasets": _shipped(source / "datasets", skip_python=True),
    }
    for prefix, files in wanted.items():
        missing = sorted(str(f) for f in files if f"{prefix}/{f.as_posix()}" not in names)
        assert not missing, (prefix, missing)
    # Each message catalogue compiled at build time (setup.py), beside its .po.
    compiled = {
        f"kit/{f.with_suffix('.mo').as_posix()}" for f in wanted["kit"] if f.suffix == ".po"
    }
    assert compiled and compiled <= names, sorted(compiled - names)
    for name in names:
        parts = set(Path(name).parts)
        assert not parts & {"release", "submitted", "autograded", "__pycache__"}, name
        assert not name.endswith((".db", ".pyc")) and ".ipynb_checkpoints" not in name, name
    expected = {f"{prefix}/{f.as_posix()}" for prefix, files in wanted.items() for f in files}
    expected |= compiled
    extra = {n for n in names if not n.startswith("migration_governance_kit-")} - expected
    assert not extra, sorted(extra)


def test_commands_work_from_an_empty_folder(installed):
    """Do `kit --help`, `kit checklist`, `kit course init`, `kit hub --help` and
    `kit start --report-only` work from an empty folder, writing nothing into the package?"""
    where = installed.run("python", "-c", "import kit; print(kit.__file__)").stdout
    assert where.startswith(str(installed.env)), where
    before = installed.package_files()

    result = installed.run("kit", "--help")
    assert result.returncode == 0 and "batch" in result.stdout, result.stderr
    result = installed.run("kit", "checklist")
    assert result.returncode == 0 and "objectives.development" in result.stdout, result.stderr
    result = installed.run("kit", "hub", "--help")
    assert result.returncode == 0 and "--roster" in result.stdout, result.stderr
    result = installed.run("kit", "start", "--report-only")
    assert result.returncode == 0, result.stderr
    kit_home = installed.home / ".local" / "share" / "kit"
    assert f"Sample report for Utopia: {kit_home / 'utopia-report.html'}" in result.stderr
    assert (kit_home / "self-assessment" / "utopia" / "2025" / "interior.csv").is_file()
    result = installed.run("kit", "course", "init", "course", "--modules", "03-border-management")
    assert result.returncode == 0, result.stdout + result.stderr
    course = installed.cwd / "course"
    assert (course / "nbgrader_config.py").is_file()
    assert (course / "source" / "03-border-management" / "03-border-management.ipynb").is_file()

    assert installed.package_files() == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until the server listens on ``port``; fail if it stops or takes too long."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise AssertionError(f"nothing listened on port {port} within {timeout:.0f} s")


def _get(url: str) -> str:
    # Voila runs the page's notebook before it answers: slow on a busy machine.
    with urllib.request.urlopen(url, timeout=240) as response:
        return response.read().decode("utf-8")


def _stop(process: subprocess.Popen) -> int:
    """Stop a server as a service manager would (SIGTERM); its exit code."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def test_lessons_answer_from_the_package(installed, tmp_path):
    """Does `kit lessons` serve the packaged landing page and a packaged lesson (in English and
    its French sibling), and stop on SIGTERM?

    The landing page's list is a widget drawn in the browser (its language is chosen there), so
    the lessons themselves are fetched to show they come from the package.
    """
    port = _free_port()
    process = installed.start(
        "kit", "lessons", "--no-browser", "--port", str(port), log=tmp_path / "log"
    )
    render = f"http://127.0.0.1:{port}/voila/render"
    try:
        _wait_for_port(port, process)
        landing = _get(f"{render}/index.ipynb")
        lesson = _get(f"{render}/01-policy-formulation/01-coherent-objectives.ipynb")
        french = _get(f"{render}/01-policy-formulation/01-coherent-objectives.fr.ipynb")
    finally:
        code = _stop(process)
    log = (tmp_path / "log").read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]
    assert "voila" in landing.lower()
    assert "Coherent national objectives" in lesson
    assert "Des objectifs nationaux" in french, french[:500]
    assert code == 0, log[-3000:]


def test_dashboard_without_dir_works_on_the_users_copy(installed, tmp_path):
    """Does `kit dashboard` without --dir start on a copy in the user's folder, and leave the
    package untouched?"""
    before = installed.package_files()
    port = _free_port()
    process = installed.start(
        "kit", "dashboard", "--no-browser", "--port", str(port), log=tmp_path / "log"
    )
    try:
        _wait_for_port(port, process)
    finally:
        code = _stop(process)
    log = (tmp_path / "log").read_text(errors="replace")
    copy = installed.home / ".local" / "share" / "kit" / "self-assessment"
    assert f"answers are saved in {copy}" in log
    assert (copy / "utopia" / "2023" / "labour.csv").is_file()
    assert code == 0, log[-3000:]
    assert installed.package_files() == before

"""Fixtures of the hub tests: a PostgreSQL server and a real JupyterHub with CHP on 127.0.0.1."""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pg_cluster
import psutil
import pytest
from hub_client import HubUser

from kit.hub import accounts, launcher
from kit.hub.settings import Course, HubSettings

COURSE = "mg-test"
OTHER_COURSE = "other-course"
ASSIGNMENT = "03-border-management"
#: The module of the course pack the hub's lessons service sends.
PACK_MODULE = "01-policy-formulation"


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server of our own (temp folder, free port), stopped at the end."""
    if pg_cluster.pg_bin() is None:
        pytest.fail("PostgreSQL is not installed: run scripts/install-hub.sh")
    cluster = pg_cluster.start()
    yield cluster
    cluster.stop()


@dataclass
class Hub:
    """The running hub, its settings and the people on it."""

    settings: HubSettings
    process: object
    log: Path
    base: str
    names: dict[str, str]
    passwords: dict[str, str]
    people: dict[str, HubUser] = field(default_factory=dict)

    def person(self, role: str) -> HubUser:
        """The signed-in HubUser for role trainer, official_a, official_b, outsider, reader."""
        if role not in self.people:
            name = self.names[role]
            self.people[role] = HubUser(self.base, name, self.passwords[name]).sign_in()
        return self.people[role]

    def home(self, role: str) -> Path:
        return Path(pwd.getpwnam(self.names[role]).pw_dir)

    def restart(self) -> None:
        launcher.stop(self.process)
        self.process = launcher.start(self.settings, log=self.log)
        launcher.wait_ready(self.settings, timeout=180)


def _kill_accounts(names: list[str]) -> None:
    # Only processes running as the accounts this fixture created, one by one by pid.
    uids = {pwd.getpwnam(n).pw_uid for n in names if accounts.exists(n)}
    for proc in psutil.process_iter(["uids"]):
        if proc.info["uids"] and proc.info["uids"].real in uids:
            try:
                proc.kill()
            except psutil.NoSuchProcess:
                pass


def _require_this_kit_in_the_hub_environment() -> None:
    """The hub and officials' servers run the kit installed in /opt/kit-hub (not this checkout):
    fail at once, with the fix, when that copy is not this checkout's code."""
    from kit import paths
    from kit.errors import KitError
    from kit.hub.settings import hub_prefix

    try:
        prefix = hub_prefix()
    except KitError as exc:
        pytest.fail(str(exc))
    installed = next(prefix.glob("lib/python*/site-packages/kit"))
    mine = paths.package_dir()
    for path in sorted(mine.rglob("*.py")):
        twin = installed / path.relative_to(mine)
        if not twin.is_file() or twin.read_bytes() != path.read_bytes():
            pytest.fail(f"{twin}: differs from this checkout; run `bash scripts/install-hub.sh`")


def _course_pack(out: Path) -> Path:
    """A course pack of module 01 (as `kit pack --modules 01-...` builds it) for the lessons
    service; from the pack cache, as `kit hub` builds its own."""
    from kit.hub.coursepack import check_pack
    from kit.pack.build import build_pack

    return check_pack(build_pack(out, modules=[PACK_MODULE], say=lambda _line: None))


@pytest.fixture(scope="session")
def hub(postgres):
    """JupyterHub 6.1 + configurable-http-proxy on free loopback ports, two courses, seven
    system accounts made for the run (PAM passwords), gradebook on PostgreSQL, the lessons
    service with a pack of module 01; all removed after."""
    if os.geteuid() != 0:
        pytest.skip("the hub spawns each official as their own system account: run as root")
    _require_this_kit_in_the_hub_environment()
    root = Path(tempfile.mkdtemp(prefix="kit-hub-test-"))
    root.chmod(0o755)
    (root / "home").mkdir(mode=0o755)
    prefix = "k" + secrets.token_hex(3)
    names = {
        "trainer": f"{prefix}t",
        "official_a": f"{prefix}a",
        "official_b": f"{prefix}b",
        "outsider": f"{prefix}x",
        # Reads lessons only (tests/hub/test_hub_lessons.py): never starts a server.
        "reader": f"{prefix}r",
    }
    graders = [f"{prefix}g", f"{prefix}h"]
    courses = [
        Course(
            COURSE,
            trainers=[names["trainer"]],
            officials=[names["official_a"], names["official_b"], names["reader"]],
            grader=graders[0],
        ),
        Course(OTHER_COURSE, officials=[names["outsider"]], grader=graders[1]),
    ]
    settings = HubSettings(
        data_dir=root / "data",
        home_root=root / "home",
        courses=courses,
        port=launcher.free_port(),
        hub_port=launcher.free_port(),
        proxy_api_port=launcher.free_port(),
        db_url=postgres.create_database("hub_gradebook"),
        pack_dir=str(_course_pack(root / "pack")),
    )
    passwords = {name: secrets.token_urlsafe(12) for name in names.values()}
    all_accounts = [*names.values(), *graders]
    log = root / "hub.log"
    process = None
    try:
        launcher.setup(settings, passwords)
        process = launcher.start(settings, log=log)
        launcher.wait_ready(settings, timeout=180)
        state = Hub(settings, process, log, f"http://127.0.0.1:{settings.port}", names, passwords)
        yield state
        process = state.process
    finally:
        if process is not None:
            launcher.stop(process)
        launcher.stop_proxy(settings)
        _kill_accounts(all_accounts)
        for name in all_accounts:
            accounts.remove_user(name)
        if os.environ.get("KIT_KEEP_HUB_LOG"):
            shutil.copy2(log, os.environ["KIT_KEEP_HUB_LOG"])
        shutil.rmtree(root, ignore_errors=True)

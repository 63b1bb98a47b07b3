"""The hub's settings file: which courses, who trains and who learns, which ports and folders."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kit.errors import KitError

REPO_ROOT = Path(__file__).resolve().parents[2]
#: deploy/jupyterhub_config.py reads the settings file named by this variable.
SETTINGS_ENV = "KIT_HUB_SETTINGS"
DEFAULT_COURSE = "migration-governance"
# A system account name that useradd, JupyterHub and nbgrader's group names all accept.
NAME = re.compile(r"^[a-z][a-z0-9_-]{0,30}$")


def user_python_bin() -> Path:
    """.hub-venv/bin where scripts/install-hub.sh made it (root owns the venv's Python)."""
    shared = REPO_ROOT / ".hub-venv" / "bin"
    return shared if (shared / "python").exists() else Path(sys.executable).parent


def check_name(name: str, what: str) -> str:
    """Return ``name`` if it is a usable account or course name, else raise a clear KitError."""
    if not NAME.match(name):
        raise KitError(
            f"{what} {name!r}: use 1-31 lower-case letters, digits, '-' or '_', "
            "starting with a letter"
        )
    return name


@dataclass
class Course:
    """One nbgrader course: one hub service (its formgrader), its trainers and its officials."""

    id: str
    trainers: list[str] = field(default_factory=list)
    officials: list[str] = field(default_factory=list)
    #: The system account that owns the course folder and runs the course's hub service.
    grader: str = ""
    #: Port of the course's service on 127.0.0.1.
    port: int = 0

    def __post_init__(self) -> None:
        check_name(self.id, "course id")
        self.grader = self.grader or f"grader-{self.id}"[:31]
        for name in [*self.trainers, *self.officials, self.grader]:
            check_name(name, "account")


@dataclass
class HubSettings:
    """Everything deploy/jupyterhub_config.py needs, written as JSON into the data folder."""

    data_dir: Path
    #: Address the proxy listens on; officials' laptops need the LAN address (behind TLS).
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    courses: list[Course] = field(default_factory=list)
    #: Where the officials' and trainers' home folders are made (system accounts).
    home_root: Path = Path("/home")
    #: "pam" checks real system passwords; "dummy" (tests only) accepts any password.
    authenticator: str = "pam"
    #: Gradebook URL for every course; empty means SQLite in each course folder.
    db_url: str = ""
    #: LTI 1.3 configuration (kit hub --lti): officials and trainers sign in from the learning
    #: platform instead of with a password (kit/hub/lti.py).
    lti_config: str = ""
    proxy_command: str = str(
        REPO_ROOT / ".hub-node" / "node_modules" / ".bin" / "configurable-http-proxy"
    )
    #: The Python that officials' servers and course services run (officials must execute it).
    python_bin: str = field(default_factory=lambda: str(user_python_bin()))
    repo_root: Path = REPO_ROOT

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).resolve()
        self.home_root = Path(self.home_root)
        self.repo_root = Path(self.repo_root)
        self.courses = [c if isinstance(c, Course) else Course(**c) for c in self.courses]

    # Folders inside the data folder, all derived, so the JSON stays short.
    @property
    def exchange(self) -> Path:
        return self.data_dir / "exchange"

    @property
    def etc(self) -> Path:
        return self.data_dir / "etc"

    @property
    def courses_dir(self) -> Path:
        return self.data_dir / "courses"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    def course_dir(self, course: Course) -> Path:
        return self.courses_dir / course.id

    def users(self) -> dict[str, str]:
        """Every hub account and its role (trainer wins over official)."""
        roles: dict[str, str] = {}
        for course in self.courses:
            roles.update({name: "official" for name in course.officials if name not in roles})
            roles.update({name: "trainer" for name in course.trainers})
        return roles

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, indent=2, default=str)

    def save(self) -> Path:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.settings_file.with_suffix(".tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        tmp.replace(self.settings_file)
        return self.settings_file

    @classmethod
    def load(cls, path: Path) -> HubSettings:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise KitError(f"{path}: hub settings file not found") from None
        except json.JSONDecodeError as exc:
            raise KitError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
        data["courses"] = [Course(**c) for c in data.get("courses", [])]
        return cls(**data)

"""The hub's settings file: which courses, who trains and who learns, which ports and folders."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from kit import i18n
from kit.errors import KitError
from kit.hub.private import write_private

_ = i18n.translator("kit")

#: kit/hub/jupyterhub_config.py reads the settings file named by this variable.
SETTINGS_ENV = "KIT_HUB_SETTINGS"
DEFAULT_COURSE = "migration-governance"
# A system account name that useradd, JupyterHub and nbgrader's group names all accept.
NAME = re.compile(r"^[a-z][a-z0-9_-]{0,30}$")
#: Where scripts/install-hub.sh installs the hub's environment, one folder per build, and the
#: link ``current`` to the newest. Every account may read and run it (officials' servers do).
HUB_PREFIXES = Path("/opt/kit-hub")
#: Names another environment for the hub (a container image, a packaged install).
PREFIX_ENV = "KIT_HUB_PREFIX"
#: The hub service that sends the course pack (kit/hub/lessons.py): /services/lessons/.
LESSONS_SERVICE = "lessons"
#: Where Debian installs nginx (scripts/install-hub.sh).
NGINX = "/usr/sbin/nginx"


def hub_prefix() -> Path:
    """The Python environment the hub and every official's server run from.

    ``$KIT_HUB_PREFIX`` if set; this very environment when it is one of /opt/kit-hub's;
    otherwise /opt/kit-hub/current. A developer's checkout never serves officials.
    """
    explicit = os.environ.get(PREFIX_ENV)
    if explicit:
        prefix = Path(explicit)
    elif Path(sys.prefix).resolve().is_relative_to(HUB_PREFIXES.resolve()):
        prefix = Path(sys.prefix)
    else:
        prefix = HUB_PREFIXES / "current"
    if not (prefix / "bin" / "jupyterhub-singleuser").exists():
        raise KitError(
            _(
                "no hub environment there; install it with `sudo bash scripts/install-hub.sh` "
                "(or set {variable} to one every account can run)"
            ).format(variable=PREFIX_ENV),
            file=prefix,
        )
    return prefix.resolve()


def nginx_command() -> str:
    """nginx, the hub's front web server (kit/hub/front.py), or "" when it is not installed
    (the hub then runs without it); Debian puts it in /usr/sbin, which PATH may lack."""
    return shutil.which("nginx") or (NGINX if Path(NGINX).is_file() else "")


def check_name(name: str, what: str) -> str:
    """Return ``name`` if it is a usable account or course name, else raise a clear KitError."""
    if not NAME.match(name):
        raise KitError(
            _(
                "{what} '{name}': use 1-31 lower-case letters, digits, '-' or '_', "
                "starting with a letter"
            ).format(what=_(what), name=name)
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
        check_name(self.id, i18n.N_("course id"))
        if self.id == LESSONS_SERVICE:
            raise KitError(
                _("course id '{id}': the hub's lessons service has that name").format(id=self.id)
            )
        self.grader = self.grader or f"grader-{self.id}"[:31]
        for name in [*self.trainers, *self.officials, self.grader]:
            check_name(name, i18n.N_("account"))


@dataclass
class HubSettings:
    """Everything kit/hub/jupyterhub_config.py needs, written as JSON into the data folder."""

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
    #: The bin/ folder of the hub's environment (every account runs it); "" until the hub is set
    #: up, when ``hub_prefix()`` gives it. The proxy is installed in the same folder.
    python_bin: str = ""
    proxy_command: str = ""
    #: The front web server (nginx, kit/hub/front.py) on ``ip``:``port`` when installed: it
    #: sends the pack's public runtime from disk and passes the rest to the proxy, which then
    #: listens on 127.0.0.1:``proxy_port``. "" (no nginx): the proxy takes ``port`` itself.
    front_command: str = ""
    proxy_port: int = 0
    #: LTI 1.3 configuration (kit hub --lti): officials and trainers sign in from the learning
    #: platform instead of with a password (kit/hub/lti.py).
    lti_config: str = ""
    #: The static course pack (kit pack) the lessons service sends to every signed-in account;
    #: "" for a hub without it (lessons then open only in an official's own server).
    pack_dir: str = ""
    #: Port of the lessons service on 127.0.0.1.
    lessons_port: int = 0
    #: Assessment roster (kit hub --assessment-roster): who may write which country's answers.
    #: When set, the country data folder below belongs to ``assessment_account`` and the
    #: assessment service (kit/hub/assessment_service.py) on ``assessment_port`` is its only
    #: writer; officials' dashboards send their saves there.
    assessment_roster: str = ""
    assessment_dir: str = ""
    assessment_account: str = "kit-assessment"
    assessment_port: int = 0

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).resolve()
        self.home_root = Path(self.home_root)
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

    @property
    def assessment_data(self) -> Path:
        """The shared country data folder (default: ``assessment`` in the hub folder)."""
        return Path(self.assessment_dir) if self.assessment_dir else self.data_dir / "assessment"

    @property
    def assessment_roster_copy(self) -> Path:
        """The roster as the service reads it (a root-owned copy every account may read)."""
        return self.etc / "assessment-roster.csv"

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
        """Write the settings (mode 0600 from the start: ``db_url`` may hold a password)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return write_private(self.settings_file, self.to_json())

    @classmethod
    def load(cls, path: Path) -> HubSettings:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise KitError(_("hub settings file not found"), file=path) from None
        except json.JSONDecodeError as exc:
            raise KitError(
                _("not valid JSON ({fault}, line {line})").format(fault=exc.msg, line=exc.lineno),
                file=path,
            ) from None
        data["courses"] = [Course(**c) for c in data.get("courses", [])]
        # Settings written by an earlier kit may carry fields since dropped (repo_root).
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def locate_environment(self) -> None:
        """Fill in ``python_bin`` and ``proxy_command`` from the hub's environment if unset."""
        if not self.python_bin:
            self.python_bin = str(hub_prefix() / "bin")
        if not self.proxy_command:
            self.proxy_command = str(Path(self.python_bin) / "configurable-http-proxy")
        if not self.front_command:
            self.front_command = nginx_command()

"""Start the workshop hub: accounts, folders, then JupyterHub with the kit's configuration."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from kit import i18n
from kit.errors import KitError
from kit.hub import accounts, front, layout
from kit.hub.coursepack import hub_pack
from kit.hub.private import append_private
from kit.hub.settings import DEFAULT_COURSE, LESSONS_SERVICE, SETTINGS_ENV, Course, HubSettings
from kit.io.assessment_roster import load_roster
from kit.web.voila import free_port

_ = i18n.translator("kit")

#: JupyterHub's configuration file, shipped in the package beside this module.
CONFIG_FILE = Path(__file__).with_name("jupyterhub_config.py")
#: The hub's state (accounts' settings, exchange, course folders): every account passes through.
DEFAULT_DATA = Path("/var/lib/kit-hub")


def say(text: str) -> None:
    """A status line: stderr, as for every kit command."""
    print(text, file=sys.stderr, flush=True)


def demo_courses(officials: int) -> tuple[list[Course], dict[str, str]]:
    """One course, one trainer and ``officials`` officials: a workshop with no roster yet."""
    names = [f"official{n:02d}" for n in range(1, officials + 1)]
    return [Course(DEFAULT_COURSE, trainers=["trainer"], officials=names)], {}


def setup(settings: HubSettings, passwords: dict[str, str] | None = None) -> Path | None:
    """Create accounts, give each new one a password, lay out the data folder.

    Returns the credentials file (mode 0600) when new passwords were generated.
    """
    if os.geteuid() != 0:
        raise KitError(
            _(
                "run `kit hub` as root (sudo): each official's server runs as their own system "
                "account"
            )
        )
    settings.locate_environment()
    passwords = dict(passwords or {})
    generated: dict[str, str] = {}
    settings.lessons_port = settings.lessons_port or free_port()
    settings.proxy_port = settings.proxy_port or free_port()
    for course in settings.courses:
        course.port = course.port or free_port()
        # The grader account owns the course; nobody signs in with it (no password).
        accounts.ensure_user(course.grader, settings.home_root)
    for name in settings.users():
        is_new = not accounts.exists(name)
        if name not in passwords and is_new:
            generated[name] = passwords[name] = accounts.new_password()
        accounts.ensure_user(name, settings.home_root, passwords.get(name))
    if settings.assessment_roster:
        settings.assessment_port = settings.assessment_port or free_port()
        # The service account owns the country data folder; nobody signs in with it.
        accounts.ensure_user(settings.assessment_account, settings.home_root)
        for name in sorted({g.user for g in load_roster(Path(settings.assessment_roster))}):
            if name not in passwords and not accounts.exists(name):
                generated[name] = passwords[name] = accounts.new_password()
            accounts.ensure_user(name, settings.home_root, passwords.get(name))
    layout.prepare(settings)
    if not generated:
        return None
    credentials = settings.data_dir / "credentials.csv"
    rows = io.StringIO()
    writer = csv.writer(rows)
    if not credentials.exists():
        writer.writerow(["username", "password"])
    writer.writerows(sorted(generated.items()))
    return append_private(credentials, rows.getvalue())


def hub_command(settings: HubSettings) -> tuple[list[str], dict[str, str]]:
    """The JupyterHub command line and environment for ``settings`` (tests use it too)."""
    settings.locate_environment()
    if not Path(settings.proxy_command).exists():
        raise KitError(
            _("configurable-http-proxy is not installed; run scripts/install-hub.sh"),
            file=settings.proxy_command,
        )
    cmd = [f"{settings.python_bin}/jupyterhub", "-f", str(CONFIG_FILE), "--no-ssl"]
    env = dict(os.environ)
    env[SETTINGS_ENV] = str(settings.settings_file)
    env["PATH"] = os.pathsep.join([settings.python_bin, env.get("PATH", "")])
    return cmd, env


def start(settings: HubSettings, log: Path | None = None) -> subprocess.Popen[bytes]:
    """Start JupyterHub in the background (its own session) and return the process; first the
    front web server when nginx is installed (kit/hub/front.py), or reload a running one."""
    cmd, env = hub_command(settings)
    if settings.front_command:
        front.start(settings)
    if log is None:
        return subprocess.Popen(cmd, env=env, cwd=settings.data_dir)
    # The child keeps its own copy of the descriptor; ours closes at once.
    with open(log, "ab") as out:
        return subprocess.Popen(
            cmd, env=env, cwd=settings.data_dir, stdout=out, stderr=subprocess.STDOUT
        )


def wait_ready(settings: HubSettings, timeout: float = 60) -> None:
    """Wait until the hub answers on its public port and through its proxy, and the lessons
    service too when there is a pack (the front server sends its requests straight to it, so
    the hub's health alone does not say the service has started), or raise KitError."""
    url = f"http://127.0.0.1:{settings.port}/hub/health"
    waiting = [url]
    if settings.front_command:
        # The front sends /hub/ to the hub itself: ask the proxy too, which answers only once
        # the hub has given it its routes (officials' servers and course services go that way).
        waiting.append(f"http://127.0.0.1:{settings.proxy_port}/hub/health")
    if settings.pack_dir:
        # Someone not signed in is sent on to the hub's login page: a 200 at the end.
        waiting.append(f"http://127.0.0.1:{settings.port}/services/{LESSONS_SERVICE}/")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(waiting[0], timeout=2) as response:
                if response.status == 200:
                    waiting.pop(0)
                    if not waiting:
                        return
                    continue
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise KitError(
        _("JupyterHub did not answer on {url} within {seconds} s").format(
            url=url, seconds=f"{timeout:.0f}"
        )
    )


def stop(process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """Stop the hub (SIGTERM, then SIGKILL); the proxy and officials' servers keep running."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stop_proxy(settings: HubSettings) -> None:
    """Stop the proxy and the front web server the hub left running (their pid files), at the
    end of a workshop."""
    front.stop(settings)
    pid_file = settings.data_dir / "proxy.pid"
    try:
        pid = int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    pid_file.unlink(missing_ok=True)


def serve(
    port: int | None = None,
    data_dir: Path | None = None,
    roster: Path | None = None,
    officials: int = 0,
    db_url: str = "",
    ip: str = "127.0.0.1",
    lti: Path | None = None,
    assessment_roster: Path | None = None,
    assessment_dir: Path | None = None,
    pack: Path | None = None,
) -> int:
    """Run the workshop hub until interrupted; return JupyterHub's exit code.

    The first start needs a roster CSV (username, role, course[, password]) or ``officials`` > 0
    for a demo course; later starts reuse the data folder's settings and add any new roster rows.
    The lessons service sends the course pack ``pack``, else one built (or reused) in the data
    folder from the pack cache.
    """
    data_dir = Path(data_dir or DEFAULT_DATA).resolve()
    settings_file = data_dir / "settings.json"
    passwords: dict[str, str] = {}
    if roster:
        courses, passwords = accounts.read_roster(roster)
    elif officials > 0:
        courses, passwords = demo_courses(officials)
    elif lti is not None:
        courses = []  # members come from the platform's launches; courses from the LTI config
    elif settings_file.exists():
        courses = HubSettings.load(settings_file).courses
    else:
        raise KitError(
            _(
                "no hub here yet; give --roster FILE (username,role,course[,password]) "
                "or --officials N for a demo course"
            ),
            file=data_dir,
        )
    previous = HubSettings.load(settings_file) if settings_file.exists() else None
    settings = HubSettings(
        data_dir=data_dir,
        ip=ip,
        port=port or (previous.port if previous else 8000),
        hub_port=previous.hub_port if previous else free_port(),
        proxy_api_port=previous.proxy_api_port if previous else free_port(),
        proxy_port=previous.proxy_port if previous else 0,
        courses=_merge(previous.courses if previous else [], courses),
        db_url=db_url or (previous.db_url if previous else ""),
        lti_config=str(lti.resolve()) if lti else (previous.lti_config if previous else ""),
        lessons_port=previous.lessons_port if previous else free_port(),
    )
    if previous is not None:  # the service keeps its account, port and folder
        for name in ("assessment_roster", "assessment_dir", "assessment_account"):
            setattr(settings, name, getattr(previous, name))
        settings.assessment_port = previous.assessment_port
    if assessment_roster:
        load_roster(assessment_roster)  # a bad roster stops here, with its one line
        settings.assessment_roster = str(assessment_roster.resolve())
    if assessment_dir:
        settings.assessment_dir = str(assessment_dir.resolve())
    if settings.lti_config:
        from kit.hub.lti import load as load_lti

        known = {course.id for course in settings.courses}
        wanted = set(load_lti(Path(settings.lti_config)).courses.values())
        settings.courses += [Course(course) for course in sorted(wanted - known)]
    if os.geteuid() == 0:  # else setup() says to run as root, before a pack is built for nothing
        settings.pack_dir = str(hub_pack(data_dir, pack, say))
    credentials = setup(settings, passwords)
    if credentials:
        say(
            _("kit hub: new passwords are in {file} (readable by root only)").format(
                file=credentials
            )
        )
    process = start(settings)
    try:
        wait_ready(settings)
        base = f"http://{ip}:{settings.port}"
        say(_("kit hub: open {url}/ ; Ctrl-C stops the hub").format(url=base))
        say(
            _("kit hub: lessons (no server started) at {url}").format(
                url=f"{base}/services/lessons/"
            )
        )
        if settings.assessment_roster:
            say(
                _(
                    "kit hub: assessment data in {folder}, written only by the assessment "
                    "service under the roster {roster}"
                ).format(folder=settings.assessment_data, roster=settings.assessment_roster)
            )
        for course in settings.courses:
            say(
                _("kit hub: course {course}: formgrader at {url}").format(
                    course=course.id, url=f"{base}/services/{course.id}/formgrader"
                )
            )
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop(process)
        stop_proxy(settings)


def _merge(old: list[Course], new: list[Course]) -> list[Course]:
    """Courses of an earlier start plus the roster's new members (ports kept)."""
    merged = {course.id: course for course in old}
    for course in new:
        if course.id not in merged:
            merged[course.id] = course
            continue
        kept = merged[course.id]
        kept.trainers += [n for n in course.trainers if n not in kept.trainers]
        kept.officials += [n for n in course.officials if n not in kept.officials]
    return list(merged.values())

"""JupyterHub configuration of the kit's workshop hub (nbgrader multi-course, the course pack).

`kit hub` writes the settings file (courses, accounts, ports, folders) and starts
`jupyterhub -f kit/hub/jupyterhub_config.py` (this file, shipped in the package) with
KIT_HUB_SETTINGS naming it. The layout follows
nbgrader's documented multi-course set-up: one hub service per course running the formgrader as
the course's grader account, groups ``formgrade-<course>`` (trainers) and ``nbgrader-<course>``
(officials), and an exchange folder with the course id in its paths. The lessons are the static
course pack, sent by one more service to every signed-in account (``/services/lessons/``).
"""

import os
from pathlib import Path

from jupyterhub import handlers as hub_handlers

from kit import paths
from kit.hub import accounts, home, login
from kit.hub.assessment_service import DIR_ENV as ASSESSMENT_DIR_ENV
from kit.hub.assessment_service import NAME as ASSESSMENT
from kit.hub.layout import prepare_home
from kit.hub.ongrade import grading_services
from kit.hub.settings import LESSONS_SERVICE, SETTINGS_ENV, HubSettings
from kit.io.assessment_client import SERVICE_ENV as ASSESSMENT_SERVICE_ENV
from kit.io.assessment_roster import ROSTER_ENV, load_roster
from kit.web import voila

try:
    c = get_config()  # noqa: F821 - JupyterHub provides get_config when it loads this file
except NameError:
    raise ImportError("JupyterHub's configuration file: load it with `jupyterhub -f`") from None
settings = HubSettings.load(Path(os.environ[SETTINGS_ENV]))
data = settings.data_dir
python_bin = settings.python_bin

# --- Network: loopback by default; anything wider goes behind TLS (docs/deployment.md).
c.JupyterHub.ip = settings.ip
c.JupyterHub.port = settings.port
if settings.front_command:
    # The front web server (kit/hub/front.py, started by kit hub) holds the public port and
    # passes everything but the pack's public runtime to the proxy, which stays on loopback.
    c.JupyterHub.ip = "127.0.0.1"
    c.JupyterHub.port = settings.proxy_port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings.hub_port
c.ConfigurableHTTPProxy.command = [settings.proxy_command]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = str(data / "proxy.pid")
c.ConfigurableHTTPProxy.debug = False
# The proxy outlives a hub restart, so officials' pages keep working while the hub is down;
# a fixed token (written by kit hub) lets the restarted hub drive the same proxy.
c.JupyterHub.cleanup_proxy = False
c.ConfigurableHTTPProxy.auth_token = (data / "proxy_auth_token").read_text().strip()

# --- State: the hub's database and cookie secret live in the data folder.
c.JupyterHub.db_url = f"sqlite:///{data / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(data / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(data / "jupyterhub.pid")
# A hub restart must not stop anybody's server: an official keeps working through it.
c.JupyterHub.cleanup_servers = False

# --- Who can sign in: the course members, with their system password (PAM).
roles = settings.users()
c.JupyterHub.authenticator_class = settings.authenticator
# An assessment roster may name people outside every course (a ministry's focal point).
assessment_users = (
    sorted({grant.user for grant in load_roster(settings.assessment_roster_copy)})
    if settings.assessment_roster
    else []
)
c.Authenticator.allowed_users = set(roles) | set(assessment_users)
c.Authenticator.admin_users = set()
c.PAMAuthenticator.open_sessions = False  # no systemd-logind session per server (containers)
if settings.authenticator == "dummy":
    c.DummyAuthenticator.password = os.environ.get("KIT_HUB_DUMMY_PASSWORD") or None
# The sign-in form in the official's language (kit/hub/login.py): its route comes from the
# authenticator, so the configured one is subclassed to serve the kit's sign-in handler.
c.JupyterHub.authenticator_class = login.authenticator_class(settings.authenticator)
if settings.lti_config:
    # Sign-in from the learning platform (LTI 1.3): the platform's course and roles decide who
    # enters and in which group (kit/hub/lti.py); accounts are made at the first launch.
    c.JupyterHub.authenticator_class = "kit.hub.lti.KitLTIAuthenticator"
    c.KitLTIAuthenticator.kit_config = settings.lti_config

# --- Each signed-in person gets a Jupyter server running as their own system account.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [f"{python_bin}/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    "PATH": f"{python_bin}:/usr/local/bin:/usr/bin:/bin",
    # Exchange settings and the officials' trimmed Jupyter config, before the user's own.
    "JUPYTER_CONFIG_PATH": f"{settings.etc / 'official'}:{settings.etc / 'common'}",
    # The Voila template "kit" (Voila's lab template without CDN style sheets).
    # Both from the hub's environment (this process runs from it), readable by every account.
    "JUPYTER_PATH": str(voila.share_dir()),
    "KIT_DATASETS": str(paths.datasets_dir()),
    "KIT_DASHBOARD_DATA": "self-assessment/data",
}


def _before_spawn(spawner):
    # Runs in the hub (root) before the server starts: lessons and the dashboard's data folder.
    if settings.lti_config and not accounts.exists(spawner.user.name):
        accounts.ensure_user(spawner.user.name, settings.home_root)  # no password: LTI only
    home = prepare_home(settings, spawner.user.name)
    spawner.environment["KIT_DASHBOARD_DATA"] = str(home / "self-assessment" / "data")
    if settings.assessment_roster:
        # The country's shared folder, read-only to the official: writes go to the service.
        spawner.environment["KIT_DASHBOARD_DATA"] = str(settings.assessment_data)
        spawner.environment[ASSESSMENT_SERVICE_ENV] = assessment_url


c.Spawner.pre_spawn_hook = _before_spawn

# --- Courses: groups, roles and one formgrader service each.
groups = {}
load_roles = [
    # The server's own token may read its owner's groups: nbgrader's JupyterHubAuthPlugin
    # lists the official's courses with it.
    {
        "name": "server",
        "scopes": ["users:activity!user", "access:servers!server", "read:users:groups!user"],
    },
]
services = []
for course in settings.courses:
    trainers_group = f"formgrade-{course.id}"
    officials_group = f"nbgrader-{course.id}"
    # The grader account is a hub user too (it cannot sign in: no password): nbgrader's
    # formgrader looks up its own courses through the hub as that user.
    groups[trainers_group] = {"users": [*course.trainers, course.grader]}
    groups[officials_group] = {"users": list(course.officials)}
    load_roles.append(
        {
            "name": f"trainer-{course.id}",
            "groups": [trainers_group],
            "scopes": [f"access:services!service={course.id}"],
        }
    )
    load_roles.append(
        {
            # The course's formgrader may read its members and add an official to the course,
            # and nothing else (in particular not add anyone to the trainers' group).
            "name": f"service-{course.id}",
            "services": [course.id],
            "scopes": [
                "list:users",
                "read:users:groups",
                "list:groups",
                f"read:groups!group={officials_group}",
                f"groups!group={officials_group}",
            ],
        }
    )
    folder = settings.course_dir(course)
    services.append(
        {
            "name": course.id,
            "url": f"http://127.0.0.1:{course.port}",
            "command": [f"{python_bin}/jupyterhub-singleuser", f"--ServerApp.root_dir={folder}"],
            "user": course.grader,
            "cwd": str(folder),
            "oauth_no_confirm": True,
            "environment": {
                "PATH": f"{python_bin}:/usr/local/bin:/usr/bin:/bin",
                "HOME": str(folder),
                "JUPYTER_CONFIG_PATH": str(settings.etc / "common"),
                "JUPYTERHUB_USER": course.grader,
                # The formgrader opens in its own tab: inside JupyterLab it shows blank behind
                # JupyterHub >= 4.1 (frame-ancestors, nbgrader issue #1870).
                "JUPYTERHUB_DEFAULT_URL": "/formgrader",
            },
        }
    )
if settings.assessment_roster:
    # The assessment service: the only writer of the country data folder (its own account).
    # Officials' servers may call it with their own token; the roster decides the rest.
    assessment_url = f"http://127.0.0.1:{settings.assessment_port}/services/{ASSESSMENT}/"
    load_roles[0]["scopes"].append(f"access:services!service={ASSESSMENT}")
    load_roles.append(
        {
            "name": "assessment-roster",
            "users": assessment_users,
            "scopes": [f"access:services!service={ASSESSMENT}"],
        }
    )
    services.append(
        {
            "name": ASSESSMENT,
            "url": f"http://127.0.0.1:{settings.assessment_port}",
            "command": [f"{python_bin}/python", "-m", "kit.hub.assessment_service"],
            "user": settings.assessment_account,
            "cwd": str(settings.assessment_data),
            "oauth_no_confirm": True,
            "environment": {
                "PATH": f"{python_bin}:/usr/local/bin:/usr/bin:/bin",
                "HOME": str(settings.assessment_data),
                ASSESSMENT_DIR_ENV: str(settings.assessment_data),
                ROSTER_ENV: str(settings.assessment_roster_copy),
            },
        }
    )

# --- Lessons: the static course pack, one service for everybody (kit/hub/lessons.py).
# Reading a lesson starts no server and no kernel on the hub: it runs in the browser. Personal
# servers start only when an official chooses graded work on the hub's home page.
c.JupyterHub.template_paths = [str(Path(__file__).with_name("templates"))]
c.JupyterHub.template_vars = {"kit_lessons_url": ""}
c.JupyterHub.redirect_to_server = False  # sign-in lands on the home page, which offers both
if settings.pack_dir:
    c.JupyterHub.template_vars["kit_lessons_url"] = f"/services/{LESSONS_SERVICE}/"
    # Every signed-in account may open the lessons (the default "user" role is only "self").
    load_roles.append(
        {"name": "user", "scopes": ["self", f"access:services!service={LESSONS_SERVICE}"]}
    )
    services.append(
        {
            "name": LESSONS_SERVICE,
            "url": f"http://127.0.0.1:{settings.lessons_port}",
            "command": [f"{python_bin}/python", "-m", "kit.hub.lessons", settings.pack_dir],
            # It only reads the pack: an account with no rights of its own.
            "user": "nobody",
            "cwd": settings.pack_dir,
            "oauth_no_confirm": True,
            "environment": {"PATH": f"{python_bin}:/usr/bin:/bin", "HOME": settings.pack_dir},
        }
    )

# The home page in the official's language (kit/hub/home.py): the language comes from the
# request, which template_vars cannot see, so the home route gets the kit's own handler.
home.install(
    hub_handlers.default_handlers,
    home.handler_class(c.JupyterHub.template_vars["kit_lessons_url"], settings.pack_dir),
)

c.JupyterHub.load_groups = groups
c.JupyterHub.load_roles = load_roles
c.JupyterHub.services = services

# Stray settings a reader might look for: no idle culling during a workshop day, no named servers.
c.JupyterHub.allow_named_servers = False
c.JupyterHub.shutdown_on_logout = False

# --- Grading on submission: one worker per course, graded in the sandbox at once and the
# feedback released to that official (kit/hub/ongrade.py, kit/course/ongrade.py).
c.JupyterHub.services = [*c.JupyterHub.services, *grading_services(settings)]

"""The assessment service: the one writer of the hub's country data folder.

`kit hub --assessment-roster FILE` registers this small JupyterHub service. It runs as its own
system account, the only one that may write the data folder; officials' dashboards read the
folder directly and send every write here with their server's hub token. The hub tells the
service who sent a request (the token is checked with the hub), the roster decides whether that
person may make it (``kit.io.round_writes``), and a request outside the role is answered 403 with
a one-line reason and written to the country's audit log.

API, relative to the service's prefix (``/services/assessment/``): ``POST api/<request>`` with a
JSON body, where request is save, import, comment, respond, decide, action, validate or reopen.
The answer is JSON: ``{"message": ...}`` (200), or ``{"error": ...}`` with 400 (bad request),
403 (outside the role) or 409 (a validated round, or a comment changed meanwhile), its one line
in the sender's language: the body's ``lang``, else ``Accept-Language``, else English.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import fields
from pathlib import Path
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web

from kit import i18n
from kit.errors import Conflict, KitError
from kit.framework import builtin_frameworks, load_framework
from kit.io import round_writes
from kit.io.actions import Action
from kit.io.assessment_roster import ROSTER_ENV, Refused, load_roster
from kit.io.review import Comment
from kit.report import words
from kit.responses import Answer

NAME = "assessment"
#: The country data folder the service owns (set by kit/hub/jupyterhub_config.py).
DIR_ENV = "KIT_ASSESSMENT_DIR"
REQUESTS = ("save", "import", "comment", "respond", "decide", "action", "validate", "reopen")

_ = i18n.translator("assessment")


def _record(kind: type, raw: object, what: str):
    """A dataclass from a JSON object, refusing unknown or missing fields in one line."""
    if not isinstance(raw, dict):
        raise KitError(_("'{field}' must be a JSON object").format(field=what))
    known = {f.name for f in fields(kind)}
    try:
        return kind(**{k: v for k, v in raw.items() if k in known})
    except TypeError as exc:
        # Python's own words about the fields (missing, unexpected) stay as Python says them.
        raise KitError(_("'{field}': {fault}").format(field=what, fault=exc)) from None


def _text(body: dict, key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KitError(_("the request needs '{field}'").format(field=key))
    return value


def perform(request: str, body: dict, user: str, data_dir: Path, roster) -> str:
    """Carry out one request for ``user``; the sentence to show them."""
    frameworks = builtin_frameworks()
    framework_id = body.get("framework") or frameworks[0]
    if framework_id not in frameworks:  # a path would let a request read any file
        raise KitError(_("unknown framework '{framework}'").format(framework=framework_id))
    framework = load_framework(framework_id)
    if request in ("validate", "reopen", "comment", "respond", "decide", "action"):
        folders = (_text(body, "country"), _text(body, "round"))
    if request == "save":
        answers = [_record(Answer, a, "answers") for a in body.get("answers") or []]
        names = (_text(body, "country"), _text(body, "round"), _text(body, "ministry"))
        path = round_writes.save_answers(data_dir, framework, roster, user, names, answers)
        where = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
        return _("Saved to {file}.").format(file=where)
    if request == "import":
        try:
            content = base64.b64decode(_text(body, "content"), validate=True)
        except binascii.Error:
            raise KitError(_("'{field}' is not base64").format(field="content")) from None
        name = Path(_text(body, "filename")).name
        imported, path, count = round_writes.import_file(
            data_dir, framework, roster, user, name, content
        )
        return _("Imported {name} into {file}; {count} review comment(s) updated.").format(
            name=name, file=path.name, count=count
        )
    if request in ("comment", "respond", "decide"):
        change = _record(Comment, body.get("comment"), "comment")
        saved = round_writes.review_change(data_dir, framework, roster, user, folders, change)
        return _("Comment {id} on {item} saved ({status}).").format(
            id=saved.id, item=saved.item_id, status=words.status(saved.status)
        )
    if request == "action":
        action = _record(Action, body.get("action"), "action")
        round_writes.save_action(data_dir, framework, roster, user, folders, action)
        return _("Action {id} saved ({status}).").format(
            id=action.id, status=words.status(action.status)
        )
    if request == "validate":
        record = round_writes.validate(data_dir, roster, user, folders)
        return _("Validated: {record}.").format(record=record.describe())
    reason = _text(body, "reason")
    record = round_writes.reopen(data_dir, roster, user, folders, reason)
    return _("Reopened: {record}.").format(record=record.describe())


class RequestHandler(HubOAuthenticated, web.RequestHandler):
    """``POST api/<request>``: the hub says who is asking, the roster says whether they may."""

    def initialize(self, data_dir: Path, roster_file: Path) -> None:
        self.data_dir = data_dir
        self.roster_file = roster_file

    def write_error(self, status_code: int, **kwargs) -> None:
        self.finish({"error": self._reason or f"HTTP {status_code}"})

    def _answer(self, status: int, key: str, text: str) -> None:
        self.set_status(status)
        self.finish({key: text})

    def _language(self, body: dict | None) -> str:
        """The sender's language: the body's ``lang`` (the dashboard sends its page's), else
        the ``Accept-Language`` header, else English. An unknown one is no reason to refuse a
        write: the answer is then in the header's language or English."""
        wanted = body.get("lang") if body is not None else None
        if isinstance(wanted, str) and wanted.strip():
            try:
                return i18n.resolve(wanted)
            except KitError:
                pass
        return i18n.best_match(self.request.headers.get("Accept-Language"))

    @web.authenticated
    def post(self, request: str) -> None:
        user = self.current_user["name"]  # as the hub signed them in, never from the body
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            body = None
        # Every sentence, refusals included, comes back in the sender's language.
        with i18n.use(self._language(body)):
            if request not in REQUESTS:
                return self._answer(
                    404, "error", _("unknown request '{request}'").format(request=request)
                )
            if body is None:
                return self._answer(400, "error", _("the request body must be a JSON object"))
            # The roster is read at each request, so a corrected roster counts at once.
            roster = load_roster(self.roster_file) or ()
            try:
                message = perform(request, body, user, self.data_dir, roster)
            except Refused as exc:
                return self._answer(403, "error", str(exc))
            except KitError as exc:
                # Told by type, never by its words (they are in the sender's language).
                return self._answer(409 if isinstance(exc, Conflict) else 400, "error", str(exc))
            self._answer(200, "message", message)


def make_app(data_dir: Path, roster_file: Path) -> web.Application:
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{NAME}/")
    options = {"data_dir": data_dir, "roster_file": roster_file}
    return web.Application(
        [
            (url_path_join(prefix, "api/([a-z]+)"), RequestHandler, options),
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
        ],
        cookie_secret=os.urandom(32),
    )


def main() -> None:
    """Run the service (JupyterHub starts it as the data folder's account)."""
    os.umask(0o022)  # officials' dashboards read what the service writes
    data_dir = Path(os.environ[DIR_ENV])
    roster_file = Path(os.environ[ROSTER_ENV])
    load_roster(roster_file)  # a bad roster stops the service at once, with its one line
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    make_app(data_dir, roster_file).listen(url.port, url.hostname)
    try:
        ioloop.IOLoop.current().start()
    except KeyboardInterrupt:  # the hub stops its services with SIGINT
        pass


if __name__ == "__main__":
    main()

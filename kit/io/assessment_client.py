"""The dashboard's side of the hub's assessment service: send a write instead of making it.

On a hub started with ``--assessment-roster``, each official's server has ``KIT_ASSESSMENT_SERVICE``
(the service's URL) and ``JUPYTERHUB_API_TOKEN`` (the server's own hub token). Writes are sent
there and the service, which alone may write the country data folder, decides with the roster.
On a laptop the variable is not set and the kit writes its files itself, as before.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request

from kit import i18n
from kit.errors import KitError
from kit.io.assessment_roster import Refused

_ = i18n.translator("kit")

SERVICE_ENV = "KIT_ASSESSMENT_SERVICE"


def service_url() -> str | None:
    """The assessment service's URL when this server runs on such a hub, else None."""
    return os.environ.get(SERVICE_ENV) or None


def send(request: str, body: dict, url: str | None = None, token: str | None = None) -> str:
    """POST one request; the service's sentence on success.

    A request outside the sender's role raises ``Refused``; anything else the service refused,
    or a service that does not answer, raises KitError with its one-line reason.
    """
    url = (url or service_url() or "").rstrip("/")
    token = token or os.environ.get("JUPYTERHUB_API_TOKEN", "")
    if not url:
        raise KitError(
            _("no assessment service: {variable} is not set").format(variable=SERVICE_ENV)
        )
    call = urllib.request.Request(
        f"{url}/api/{request}",
        # The service answers in the page's language; the request itself stays language-neutral.
        data=json.dumps({**body, "lang": i18n.current()}).encode("utf-8"),
        headers={
            "Authorization": f"token {token}",
            "Content-Type": "application/json",
            "Accept-Language": i18n.current(),
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(call, timeout=60) as response:
            return json.loads(response.read() or b"{}").get("message", "done")
    except urllib.error.HTTPError as exc:
        reason = _reason(exc)
        if exc.code == 403:
            raise Refused(reason) from None
        raise KitError(reason) from None
    except (urllib.error.URLError, OSError) as exc:
        raise KitError(
            _("the assessment service at {url} did not answer ({fault})").format(url=url, fault=exc)
        ) from None


def _reason(exc: urllib.error.HTTPError) -> str:
    try:
        return json.loads(exc.read()).get("error") or f"HTTP {exc.code}"
    except ValueError:
        return _("the assessment service answered HTTP {code}").format(code=exc.code)

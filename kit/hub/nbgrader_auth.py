"""nbgrader's JupyterHub plugin with a plain message when the hub is not answering."""

from __future__ import annotations

import requests
from nbgrader.auth.jupyterhub import JupyterHubAuthPlugin

from kit.errors import KitError


class HubUnavailable(KitError):
    """The hub is restarting or stopped: nothing was submitted or fetched (a one-line error)."""


MESSAGE = (
    "The hub is not answering (it may be restarting). Nothing was sent and your notebooks are "
    "safe in your folder: try again in a minute, or tell your trainer."
)


class KitHubAuthPlugin(JupyterHubAuthPlugin):
    """Asks the hub for an official's courses like the stock plugin, with a readable failure."""

    def get_student_courses(self, student_id: str) -> list | None:
        try:
            return super().get_student_courses(student_id)
        except requests.ConnectionError:
            raise HubUnavailable(MESSAGE) from None

"""A workshop JupyterHub for the kit: courses, accounts, and the launcher (``kit hub``)."""

from kit.hub.launcher import serve
from kit.hub.settings import Course, HubSettings

__all__ = ["Course", "HubSettings", "serve"]

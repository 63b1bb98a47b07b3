"""Starting the dashboard: Voila on the notebook, code hidden, offline, with warm kernels."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kit import i18n
from kit.dashboard.app import DATA_ENV
from kit.errors import KitError
from kit.web.language import ACCEPT_LANGUAGE
from kit.web.voila import Launch, free_port

_ = i18n.translator("kit")


def notebook_path() -> Path:
    """The dashboard notebook inside the installed package."""
    return Path(str(resources.files("kit.dashboard") / "dashboard.ipynb"))


def launch(
    data_dir: Path,
    port: int | None = None,
    open_browser: bool = True,
    preheat: bool = True,
    pool_size: int = 1,
) -> Launch:
    """Voila on the dashboard of ``data_dir`` (used by ``kit dashboard``, tests and benchmarks)."""
    data_dir = Path(data_dir).resolve()
    if not data_dir.is_dir():
        raise KitError(_("{folder}: data folder not found").format(folder=data_dir))
    return Launch(
        notebook_path(),
        port or free_port(),
        configuration={
            "preheat_kernel": preheat,
            "default_pool_size": pool_size if preheat else 0,
            # The browser's language reaches the page's kernel as $HTTP_ACCEPT_LANGUAGE.
            "http_header_envs": [ACCEPT_LANGUAGE],
        },
        extra={
            # Refill the warm pool a little after a kernel is taken (Voila waits 1 s by
            # default), so starting the next kernel does not compete with drawing this page.
            "VoilaKernelManager": {"fill_delay": 3},
            # A closed page's kernel is meant to be shut down by the page itself, but Voila
            # 0.5.13 sends that request without its XSRF token and the server refuses it (403):
            # cull kernels that no page has been connected to for ten minutes instead.
            "MappingKernelManager": {"cull_idle_timeout": 600, "cull_interval": 60},
        },
        env={DATA_ENV: str(data_dir)},
        open_browser=open_browser,
    )


def serve(
    data_dir: Path, port: int | None = None, open_browser: bool = True, preheat: bool = True
) -> int:
    """Run the dashboard until interrupted; return Voila's exit code."""
    return launch(data_dir, port, open_browser, preheat).serve()

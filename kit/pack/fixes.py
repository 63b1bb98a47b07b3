"""Corrections to what ``voici build`` writes, so every page works offline at any depth.

1. Voici embeds the kernel's settings in each page with ``./static/pyodide/pyodide.js`` (and
   ``./extensions/...`` for piplite's index) relative to the site root, but the browser resolves
   them relative to the page, several folders down: 404. They are rewritten with ``../`` for
   the page's depth. (JupyterLite's own apps read ``jupyter-lite.json``, whose relative URLs
   its loader already fixes.)
2. Voila's templates link Font Awesome stylesheets from a CDN: a request outside the pack, and
   nothing the pages need. The links are removed.
3. Lab extensions installed beside the build tools (nbgrader's, Voila's preview, the notebook
   app's lab extension) are copied into the site but have no use there, and nbgrader's calls a
   server that does not exist: only the ones the pages need are kept.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

__all__ = ["KEEP_EXTENSIONS", "apply_all"]

#: Lab extensions the pack needs: widgets (the checks), the Pyodide kernel, code highlighting.
KEEP_EXTENSIONS = (
    "@jupyter-widgets/jupyterlab-manager",
    "@jupyterlite/pyodide-kernel-extension",
    "jupyterlab_pygments",
)
_ROOT_RELATIVE = re.compile(r'"\./(static/pyodide/|extensions/@jupyterlite/)')
_CDN_LINK = re.compile(r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>\s*", re.IGNORECASE)


def apply_all(site: Path) -> None:
    """Apply every fix to the built ``site``."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = _CDN_LINK.sub("", text)
        depth = len(page.relative_to(site).parts) - 1
        if depth:
            fixed = _ROOT_RELATIVE.sub('"' + "../" * depth + r"\1", fixed)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    _keep_extensions(site)


def _keep_extensions(site: Path) -> None:
    """Drop unneeded lab extensions from every ``jupyter-lite.json`` and page, and their files."""
    for config_file in site.rglob("jupyter-lite.json"):
        config = json.loads(config_file.read_text(encoding="utf-8"))
        data = config.get("jupyter-config-data", {})
        if "federated_extensions" in data:
            data["federated_extensions"] = [
                e for e in data["federated_extensions"] if e["name"] in KEEP_EXTENSIONS
            ]
            config_file.write_text(json.dumps(config, indent=2), encoding="utf-8")
    for page in (site / "voici").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = _drop_page_extensions(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    extensions = site / "extensions"
    for package in [*extensions.glob("*/package.json"), *extensions.glob("@*/*/package.json")]:
        name = str(package.parent.relative_to(extensions))
        if name not in KEEP_EXTENSIONS:
            shutil.rmtree(package.parent)
    for scope in extensions.glob("@*"):
        if scope.is_dir() and not any(scope.iterdir()):
            scope.rmdir()


def _drop_page_extensions(text: str) -> str:
    """The same pruning for the settings Voici embeds as JSON inside each page."""
    marker = 'id="jupyter-config-data"'
    start = text.find(marker)
    if start < 0:
        return text
    open_end = text.index(">", start) + 1
    close = text.index("</script>", open_end)
    try:
        data = json.loads(text[open_end:close])
    except ValueError:
        return text
    if "federated_extensions" not in data:
        return text
    data["federated_extensions"] = [
        e for e in data["federated_extensions"] if e["name"] in KEEP_EXTENSIONS
    ]
    return text[:open_end] + json.dumps(data) + text[close:]

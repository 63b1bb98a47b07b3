"""``make messages``: collect the marked strings into ``kit/locale/<domain>.pot`` and update
each language's ``.po`` (Babel). A maintainer's tool, run in a checkout.

Which files are read and how comes from ``babel.cfg``; the domain of a file is the one it names
(a module's ``i18n.translator("kit")``, a template's ``{# i18n-domain: assessment #}``), so one
run fills every catalogue. The tests use ``template()`` to find strings missing from a catalogue.

    python -m kit.i18n.extract            # rewrite the .pot files, update every .po
    python -m kit.i18n.extract --init ru  # start the catalogues of a new language
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from kit.atomic import write_bytes_atomic
from kit.i18n.catalog import DOMAINS

#: Marked calls: ``_("msg")``, ``_n("one", "many", n)`` (plurals in templates),
#: ``i18n.gettext/ngettext("<domain>", ...)`` and kit.i18n's own ``lookup(domain, lang, "msg")``.
KEYWORDS = {
    "_": None,
    "N_": None,
    "_n": (1, 2),
    "gettext": (2,),
    "ngettext": (2, 3),
    "lookup": (3,),
}

#: A file's domain: a module's ``_ = i18n.translator("kit")`` line, else an ``i18n-domain: kit``
#: comment (templates; modules that call ``i18n.lookup``-like functions directly).
_DOMAIN = re.compile(
    r"""^\s*_\s*=\s*(?:i18n\.)?translator\(\s*["'](\w+)["']|i18n-domain:\s*(\w+)""", re.M
)


def file_domain(path: Path) -> str | None:
    """The domain a source file names (None when it marks nothing)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    found = {module or comment for module, comment in _DOMAIN.findall(text)}
    if len(found) > 1:
        raise SystemExit(f"{path}: names several message domains {sorted(found)}; use one")
    return found.pop() if found else None


def template(domain: str, root: Path) -> Catalog:
    """The catalogue template of ``domain``: every string marked in files of that domain."""
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(project="migration-governance-kit", domain=domain, charset="utf-8")
    domains: dict[str, str | None] = {}
    for filename, lineno, message, comments, context in extract_from_dir(
        root, method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        if filename not in domains:
            domains[filename] = file_domain(root / filename)
        if domains[filename] != domain:
            continue
        flags = ("python-brace-format",) if _has_fields(message) else ()
        catalog.add(
            message,
            None,
            [(filename, lineno)],
            auto_comments=comments,
            context=context,
            flags=flags,
        )
    return catalog


def _has_fields(message: str | tuple[str, ...]) -> bool:
    texts = message if isinstance(message, tuple) else (message,)
    return any(re.search(r"\{\w*\}", text) for text in texts)


def _write(path: Path, catalog: Catalog) -> None:
    import io

    out = io.BytesIO()
    # No line numbers: a moved line must not change every catalogue (and merge badly).
    write_po(out, catalog, width=100, sort_by_file=True, include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, out.getvalue())


def update(root: Path, domains: Iterable[str] = DOMAINS, init: Iterable[str] = ()) -> list[Path]:
    """Rewrite each domain's ``.pot`` and merge it into every language's ``.po``.

    A domain with no marked string and no catalogue yet is skipped. Returns the files written.
    """
    locale = root / "kit" / "locale"
    written = []
    languages = {p.parent.parent.name for p in locale.glob("*/LC_MESSAGES/*.po")} | set(init)
    for domain in domains:
        pot = template(domain, root)
        existing = list(locale.glob(f"*/LC_MESSAGES/{domain}.po"))
        if not len(pot) and not existing:
            continue
        _write(locale / f"{domain}.pot", pot)
        written.append(locale / f"{domain}.pot")
        for lang in sorted(languages):
            po_path = locale / lang / "LC_MESSAGES" / f"{domain}.po"
            if po_path.is_file():
                with po_path.open("rb") as handle:
                    catalog = read_po(handle, locale=lang, domain=domain)
            else:
                catalog = Catalog(locale=lang, domain=domain, project=pot.project)
            catalog.update(pot)
            catalog.obsolete.clear()  # a string no longer in the code needs no translation
            _write(po_path, catalog)
            written.append(po_path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kit.i18n.extract", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository")
    parser.add_argument("--init", action="append", default=[], metavar="LANG")
    parser.add_argument("domains", nargs="*", default=list(DOMAINS))
    args = parser.parse_args(argv)
    for path in update(args.root, args.domains, args.init):
        print(path.relative_to(args.root), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

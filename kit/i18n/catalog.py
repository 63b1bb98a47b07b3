"""Reading the message catalogues: ``kit/locale/<lang>/LC_MESSAGES/<domain>.mo``, else ``.po``.

A wheel carries ``.mo`` files compiled at build time (``setup.py``); a checkout has only the
committed ``.po`` files, which are compiled in memory on first use (Babel), so both read the same
messages. Fuzzy entries are never used: a guess is not a translation.
"""

from __future__ import annotations

import gettext as _gettext
import io
from functools import cache
from pathlib import Path

from kit import paths

#: The message domains, one catalogue each (see kit/i18n/__init__.py).
DOMAINS = ("kit", "assessment", "courses")


def catalogue_path(lang: str, domain: str, suffix: str = ".po") -> Path:
    """Where ``domain``'s catalogue for ``lang`` is (``suffix`` ``.po`` or ``.mo``)."""
    return paths.locale_dir() / lang / "LC_MESSAGES" / f"{domain}{suffix}"


def available_languages() -> list[str]:
    """The language codes with at least one catalogue, sorted."""
    root = paths.locale_dir()
    if not root.is_dir():
        return []
    return sorted(
        folder.name
        for folder in root.iterdir()
        if (folder / "LC_MESSAGES").is_dir() and any((folder / "LC_MESSAGES").glob("*.[pm]o"))
    )


@cache
def _translations(domain: str, lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``domain`` in ``lang`` (an empty one when there is none)."""
    compiled = catalogue_path(lang, domain, ".mo")
    source = catalogue_path(lang, domain, ".po")
    if compiled.is_file() and (
        not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime
    ):
        with compiled.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    if source.is_file():
        return _gettext.GNUTranslations(io.BytesIO(compile_po(source)))
    return _gettext.NullTranslations()


def compile_po(source: Path) -> bytes:
    """The ``.mo`` bytes of the ``.po`` file ``source`` (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def lookup(domain: str, lang: str, msg: str) -> str:
    """``msg`` translated (the msgid itself when the catalogue lacks it)."""
    return _translations(domain, lang).gettext(msg)


def lookup_plural(domain: str, lang: str, singular: str, plural: str, n: int) -> str:
    """The plural form of ``singular``/``plural`` for ``n`` in ``lang``."""
    return _translations(domain, lang).ngettext(singular, plural, n)


def reload() -> None:
    """Forget the catalogues read so far (after ``make messages`` rewrote them, in tests)."""
    _translations.cache_clear()

"""The kit's languages (issue #14): choosing one, message lookup, numbers and dates, catalogues."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from babel.messages.pofile import read_po
from repo import ROOT

from kit import i18n
from kit.errors import KitError
from kit.i18n import catalog, extract

TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.SOURCE_LANGUAGE]


def test_languages_are_english_and_every_catalogue_language():
    """Are the languages English plus those with catalogues, each named in itself?"""
    assert i18n.LANGUAGES["en"] == "English"
    assert i18n.LANGUAGES["fr"] == "Français"
    assert i18n.LANGUAGES["es"] == "Español"
    assert i18n.LANGUAGES["ar"] == "العربية"
    assert list(i18n.LANGUAGES)[0] == "en"


def test_resolve_prefers_the_explicit_value_then_kit_lang(monkeypatch):
    """Does an explicit language win over $KIT_LANG, and $KIT_LANG over English?"""
    monkeypatch.delenv("KIT_LANG", raising=False)
    assert i18n.resolve() == "en"
    monkeypatch.setenv("KIT_LANG", "es")
    assert i18n.resolve() == "es"
    assert i18n.resolve("fr-CA") == "fr"
    assert i18n.resolve("AR") == "ar"


@pytest.mark.parametrize("value", ["de", "klingon", "x"])
def test_an_unknown_language_is_a_one_line_kit_error(value, monkeypatch):
    """Is an unsupported language refused with one line naming the value and the choices?"""
    monkeypatch.delenv("KIT_LANG", raising=False)
    with pytest.raises(KitError) as caught:
        i18n.resolve(value)
    text = str(caught.value)
    assert "\n" not in text and repr(value) in text and "fr" in text


def test_a_bad_kit_lang_names_the_variable(monkeypatch):
    """Does a bad $KIT_LANG say it came from KIT_LANG?"""
    monkeypatch.setenv("KIT_LANG", "zz")
    with pytest.raises(KitError, match="KIT_LANG"):
        i18n.current()


def test_use_sets_the_language_for_its_block_only(monkeypatch):
    """Does ``use`` change the current language inside the block and restore it after?"""
    monkeypatch.delenv("KIT_LANG", raising=False)
    assert i18n.current() == "en"
    with i18n.use("fr"):
        assert i18n.current() == "fr"
        with i18n.use("ar"):
            assert i18n.current() == "ar"
        assert i18n.current() == "fr"
    assert i18n.current() == "en"


def test_use_is_per_thread():
    """Does a language set in one thread (a page's request) leave another thread's alone?"""
    seen = {}

    def worker():
        with i18n.use("es"):
            seen["worker"] = i18n.current()

    with i18n.use("fr"):
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert i18n.current() == "fr"
    assert seen["worker"] == "es"


def test_translator_looks_up_at_call_time():
    """Does one ``_`` made at import time give each block's language when called?"""
    _ = i18n.translator("kit")
    msg = "language {value} is not supported; choose one of {choices}"
    english = _(msg)
    with i18n.use("fr"):
        french = _(msg)
    with i18n.use("ar"):
        arabic = _(msg)
    assert english == msg
    assert french != msg and "{value}" in french and "{choices}" in french
    assert arabic not in (msg, french)


def test_gettext_with_an_explicit_language_and_a_missing_message():
    """Does gettext take an explicit language, and give the English text when none exists?"""
    msg = "language {value} is not supported; choose one of {choices}"
    assert i18n.gettext("kit", msg, lang="es") != msg
    assert i18n.gettext("kit", "no such message, surely", lang="es") == "no such message, surely"


def test_the_refusal_itself_is_translated(monkeypatch):
    """Is the unknown-language message in the current language?"""
    monkeypatch.delenv("KIT_LANG", raising=False)
    with i18n.use("fr"), pytest.raises(KitError) as caught:
        i18n.resolve("de")
    assert "not supported" not in str(caught.value)


def test_ngettext_uses_the_languages_plural_rules():
    """Do plural forms follow each language's rules (French: 0 and 1 singular)?"""
    one, many = "{count} item", "{count} items"
    assert i18n.ngettext("kit", one, many, 1, lang="en") == one
    assert i18n.ngettext("kit", one, many, 0, lang="en") == many
    # Untranslated: English rules on the English texts, whatever the language.
    assert i18n.ngettext("kit", one, many, 2, lang="fr") == many


def test_an_unknown_domain_is_refused():
    """Is a misspelt domain caught where ``_`` is made, not silently untranslated?"""
    with pytest.raises(ValueError, match="assesment"):
        i18n.translator("assesment")


def test_direction_is_rtl_for_arabic_only():
    """Is Arabic right to left and every other language left to right?"""
    assert i18n.direction("ar") == "rtl"
    assert [i18n.direction(code) for code in ("en", "fr", "es")] == ["ltr"] * 3
    with i18n.use("ar"):
        assert i18n.direction() == "rtl"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ar-EG,ar;q=0.9,en;q=0.5", "ar"),
        ("de-DE,de;q=0.9,fr;q=0.8,en;q=0.7", "fr"),
        ("en;q=0.2, es-MX;q=0.9", "es"),
        ("de-DE", "en"),
        ("", "en"),
        (None, "en"),
        ("fr;q=0, es", "es"),
        ("garbage;q=x, fr", "fr"),
    ],
)
def test_best_match_reads_the_browsers_preferences(header, expected):
    """Is the browser's most preferred supported language chosen, English otherwise?"""
    assert i18n.best_match(header) == expected


def test_numbers_have_a_decimal_comma_in_french_and_spanish():
    """Are decimals written with a comma in French and Spanish, a point in English?"""
    assert i18n.format_number(1234.5, lang="en", digits=1) == "1,234.5"
    assert i18n.format_number(2.5, lang="fr", digits=1) == "2,5"
    assert i18n.format_number(2.5, lang="es", digits=1) == "2,5"
    assert i18n.format_number(2.456, lang="fr", digits=2) == "2,46"
    assert i18n.format_number(3, lang="fr", digits=0) == "3"
    # Latin digits in Arabic: scores sit beside item ids and codes.
    assert i18n.format_number(2.5, lang="ar", digits=1).strip("\u200f\u061c\u200e") in (
        "2.5",
        "2٫5",
    )
    assert all(ch in "0123456789.,٫\u200f\u061c\u200e" for ch in i18n.format_number(2.5, "ar", 1))


def test_percentages_follow_each_language():
    """Is a fraction written as the language writes a percentage?"""
    assert i18n.format_percent(0.425, lang="en") == "42.5%"
    assert i18n.format_percent(0.425, lang="fr") == "42,5\u00a0%"
    assert i18n.format_percent(0.425, lang="es", digits=0) in ("42\u00a0%", "42 %")
    with i18n.use("fr"):
        assert i18n.format_percent(1) == "100,0\u00a0%"


def test_dates_are_written_in_words_in_each_language():
    """Are dates written with the language's month names?"""
    day = dt.date(2026, 11, 30)
    assert i18n.format_date(day, lang="en") == "November 30, 2026"
    assert i18n.format_date(day, lang="fr") == "30 novembre 2026"
    assert i18n.format_date(day, lang="es") == "30 de noviembre de 2026"
    assert "نوفمبر" in i18n.format_date(day, lang="ar")


def test_a_checkout_reads_the_po_and_ignores_fuzzy_entries(tmp_path, monkeypatch):
    """Without .mo files, are the .po files read, and is a fuzzy entry left untranslated?"""
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "kit.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Save"\nmsgstr "Enregistrer"\n\n'
        '#, fuzzy\nmsgid "Close"\nmsgstr "Fermer"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(catalog.paths, "locale_dir", lambda: tmp_path / "locale")
    catalog.reload()
    try:
        assert catalog.lookup("kit", "fr", "Save") == "Enregistrer"
        assert catalog.lookup("kit", "fr", "Close") == "Close"
        assert catalog.available_languages() == ["fr"]
    finally:
        catalog.reload()


def test_compiled_catalogues_match_the_po_files(tmp_path):
    """Does the .mo a wheel carries give the same messages as reading the .po?"""
    source = ROOT / "kit" / "locale" / "fr" / "LC_MESSAGES" / "kit.po"
    import gettext

    compiled = gettext.GNUTranslations(io.BytesIO(catalog.compile_po(source)))
    with source.open("rb") as handle:
        po = read_po(handle)
    for message in po:
        if message.id and not message.fuzzy and isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string


# -- catalogues: complete, translated, not fuzzy -------------------------------------------------


def _fields(text: str) -> set[str]:
    import re

    return set(re.findall(r"\{(\w*)[^{}]*\}", text))


@pytest.mark.parametrize("domain", ["kit", "assessment", "courses"])
@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_marked_string_is_translated(domain, lang):
    """Is every string marked in the code in the catalogue, translated, not fuzzy, with the
    same {placeholders}? (Run ``make messages`` after marking strings, then translate.)"""
    template = extract.template(domain, ROOT)
    path = ROOT / "kit" / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
    if not len(template) and not path.exists():
        pytest.skip(f"no string of the {domain} domain is marked yet")
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run make messages"
    with path.open("rb") as handle:
        po = read_po(handle, locale=lang)
    faults = []
    for message in template:
        if not message.id:
            continue
        entry = po.get(message.id, context=message.context)
        ident = message.id if isinstance(message.id, str) else message.id[0]
        if entry is None:
            faults.append(f"missing: {ident!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(strings):
            faults.append(f"{'fuzzy' if entry.fuzzy else 'untranslated'}: {ident!r}")
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set().union(*(_fields(s) for s in sources))
        for text in strings:
            if _fields(text) - wanted or (len(sources) == 1 and _fields(text) != wanted):
                faults.append(f"placeholders differ: {ident!r} -> {text!r}")
    assert not faults, f"{path.relative_to(ROOT)}:\n" + "\n".join(faults)


def test_a_file_naming_two_domains_is_refused(tmp_path):
    """Is a module that marks strings for two domains refused by the extraction?"""
    module = tmp_path / "two.py"
    module.write_text('_ = translator("kit")\n# i18n-domain: courses\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="several"):
        extract.file_domain(module)


def test_no_marked_string_hides_inside_an_f_string():
    """Is every ``_("...")`` outside f-strings, where the extraction (Babel) can see it?"""
    import re

    hidden = re.compile(r"""\bf(["'])[^\n]*?\{[^}\n]*\b_\(""")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "kit").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if hidden.search(line)
    ]
    assert not found, found

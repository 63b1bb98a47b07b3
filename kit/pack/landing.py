"""The pack's first page: plain HTML listing each module's lessons, its graded set and its
pre-test and post-test.

It needs no kernel, so it shows at once; it says plainly which links are lessons (read in the
browser) and which are graded work (work in the browser, then download and hand in). A second
page, ``hub.html``, is the one the hub's lessons service shows: lessons only, graded work being
done in the official's own workspace on the hub.

The page holds one version per language of the kit; a picker shows one. With no choice made
(none remembered in this browser, no ``?lang=`` in the address), the browser's preferred
language is shown. A lesson or graded set not translated into the chosen language is linked in
English and says so.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from kit import i18n
from kit.curriculum.landing import cadre_label, duration, lesson_title
from kit.curriculum.manifest import Module
from kit.curriculum.translations import graded_languages, lesson_languages, localized

__all__ = ["page"]

_ = i18n.translator("courses")

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  margin: 0; color: #1f2328; background: #f6f8fa; }
main { max-width: 52em; margin: 0 auto; padding: 1.5em; background: #fff; line-height: 1.5; }
h1 { margin-bottom: 0.2em; } .kit-module { border-top: 1px solid #d0d7de; margin-top: 1.2em; }
.kit-meta { color: #57606a; margin: 0; }
.kit-kind { display: inline-block; font-size: 0.8em; padding: 0 0.5em; border-radius: 1em;
  margin-inline-end: 0.4em; } .kit-lesson { background: #ddf4ff; }
.kit-graded { background: #fff1e5; }
.kit-note { background: #f6f8fa; border-inline-start: 4px solid #d0d7de; padding: 0.5em 1em; }
.kit-picker { display: flex; flex-wrap: wrap; gap: 0.4em; justify-content: flex-end; }
.kit-picker button { font: inherit; padding: 0.2em 0.8em; border: 1px solid #d0d7de;
  border-radius: 1em; background: #fff; cursor: pointer; }
.kit-picker button[aria-pressed="true"] { background: #1f5f8b; color: #fff; }
[dir="rtl"] ol, [dir="rtl"] ul { padding-right: 2em; padding-left: 0; }
code { direction: ltr; unicode-bidi: isolate; }
"""

#: Shows the chosen language's version: the one clicked (remembered in this browser), else
#: ``?lang=``, else the first of the browser's languages the page has, else English.
_SCRIPT = """
(function () {
  var versions = document.querySelectorAll("[data-kit-lang]");
  var have = {};
  versions.forEach(function (v) { have[v.dataset.kitLang] = v; });
  function show(lang) {
    versions.forEach(function (v) { v.hidden = v.dataset.kitLang !== lang; });
    document.querySelectorAll(".kit-picker button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
    });
    document.documentElement.lang = lang;
    document.documentElement.dir = have[lang].dataset.dir;
    document.title = have[lang].dataset.title;
  }
  function preferred() {
    var asked = new URLSearchParams(location.search).get("lang");
    if (asked && have[asked]) return asked;
    try { var kept = localStorage.getItem("kit-lang"); if (kept && have[kept]) return kept; }
    catch (e) {}
    var wanted = navigator.languages || [navigator.language || "en"];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).toLowerCase().split("-")[0];
      if (have[code]) return code;
    }
    return "en";
  }
  document.querySelectorAll(".kit-picker button").forEach(function (b) {
    b.addEventListener("click", function () {
      try { localStorage.setItem("kit-lang", b.dataset.lang); } catch (e) {}
      show(b.dataset.lang);
    });
  });
  show(preferred());
})();
"""


def _lesson_url(module: Module, path: Path) -> str:
    return f"voici/render/{quote(module.id)}/{quote(path.stem)}.html"


def _graded_url(assignment: str) -> str:
    path = f"graded/{assignment}/{assignment}.ipynb"
    return f"notebooks/index.html?path={quote(path)}"


def _in_english(lang: str, translated: bool) -> str:
    if translated or lang == "en":
        return ""
    note = html.escape(_("(in English)"))
    return f' <span class="kit-meta">{note}</span>'


def _graded(languages: dict[str, str], lang: str, kind: str, what: str) -> str:
    assignment = languages.get(lang, languages["en"])
    return (
        f'<li><span class="kit-kind kit-graded">{html.escape(kind)}</span>'
        f'<a href="{_graded_url(assignment)}"><code>{html.escape(assignment)}</code></a>'
        f"{_in_english(lang, lang in languages)} &mdash; {html.escape(what)}</li>"
    )


def _module(module: Module, lang: str, sources: Path | None, on_hub: bool) -> str:
    texts = localized(module, lang)
    # Marked outside the f-strings below: Babel does not read calls inside f-strings.
    lesson_kind = html.escape(_("lesson"))
    lessons = []
    for name in module.lessons:
        languages = lesson_languages(module.folder / name)
        shown = languages.get(lang, languages["en"])
        lessons.append(
            f'<li><span class="kit-kind kit-lesson">{lesson_kind}</span>'
            f'<a href="{_lesson_url(module, shown)}" lang="{lang if lang in languages else "en"}"'
            # An English title on an Arabic page keeps its own direction ("migrant?").
            ' dir="auto">'
            f"{html.escape(lesson_title(shown))}</a>{_in_english(lang, lang in languages)}</li>"
        )
    cadres = _(", ").join(cadre_label(c) for c in module.cadres)
    audience = html.escape(_("for {cadres}").format(cadres=cadres))
    graded = ""
    # On the hub, graded work is done in the official's own workspace (nbgrader's assignment
    # list), where it is submitted and graded: no second way to hand it in.
    if not on_hub:

        def languages_of(name: str) -> dict[str, str]:
            return graded_languages(sources, name) if sources else {"en": name}

        items = []
        if module.pre_test:
            items.append(
                _graded(languages_of(module.pre_test), lang, _("pre-test"), _("before the lessons"))
            )
        work = _("work in the browser, then download your submission")
        items.append(_graded(languages_of(module.assignment), lang, _("graded set"), work))
        if module.post_test:
            items.append(
                _graded(
                    languages_of(module.post_test), lang, _("post-test"), _("after the graded set")
                )
            )
        graded = f"<ul>{''.join(items)}</ul>"
    return (
        f'<section class="kit-module"><h2 dir="auto">{html.escape(texts.title)}</h2>'
        f'<p class="kit-meta">{html.escape(duration(module.minutes))} · '
        f"{audience}</p>"
        f"<ol>{''.join(lessons)}</ol>{graded}</section>"
    )


def _note(on_hub: bool) -> str:
    lessons = html.escape(_("Lessons"))
    if on_hub:
        graded_work = html.escape(_("Graded work"))
        back = html.escape(_("back to the hub's home page"))
        return "".join(
            (
                f"<b>{lessons}</b> ",
                html.escape(
                    _(
                        "open at once and run in your browser: no workspace is started for you "
                        "on the hub. The first one takes up to a minute to start; the next ones "
                        "are quicker."
                    )
                ),
                f"<br><b>{graded_work}</b> ",
                html.escape(
                    _(
                        "(the pre-test, each module's graded set, the post-test) is done in "
                        "your own workspace:"
                    )
                ),
                f' <a class="kit-graded-work" href="../../hub/home">{back}</a>.',
            )
        )
    graded_sets = html.escape(_("Graded sets"))
    return "".join(
        (
            f"<b>{lessons}</b> ",
            html.escape(
                _(
                    "are read in the browser: each has checks that answer at once. The first one "
                    "takes up to a minute to start; the next ones are quicker."
                )
            ),
            f"<br><b>{graded_sets}</b> ",
            html.escape(
                _(
                    "open as a notebook you work in. Your work is kept in this browser (it is "
                    "saved every few seconds and survives closing the tab). When you have "
                    "finished, follow the last section at its end: type your name, press "
                    "Download submission and send the file it saves to your trainer."
                )
            ),
        )
    )


def _version(modules: list[Module], lang: str, sources: Path | None, on_hub: bool) -> str:
    """The page's body in one language (hidden until the picker shows it)."""
    title = _("Migration governance: course pack")
    offline = html.escape(_("Everything here runs in your browser; nothing is sent anywhere."))
    body = "".join(_module(m, lang, sources, on_hub) for m in modules)
    return (
        f'<div data-kit-lang="{lang}" lang="{lang}" dir="{i18n.direction(lang)}" '
        # English shows even where scripts do not run; the picker's script shows the choice.
        f'data-dir="{i18n.direction(lang)}" data-title="{html.escape(title)}"'
        f"{'' if lang == 'en' else ' hidden'}>"
        f"<h1>{html.escape(title)}</h1>"
        f'<p>{offline}</p><p class="kit-note">{_note(on_hub)}</p>{body}</div>'
    )


def page(modules: list[Module], source_dir: Path | None = None, on_hub: bool = False) -> str:
    """The landing page of a pack holding ``modules`` (their translated graded sets are the
    ``<assignment>-<lang>`` folders of ``source_dir``, the repository's assessment/source).

    ``on_hub``: the page the hub's lessons service shows (``hub.html``): lessons only, and a
    link back to the hub's home page, where graded work starts the official's own workspace.
    """
    versions = []
    for lang in i18n.LANGUAGES:
        with i18n.use(lang):
            versions.append(_version(modules, lang, source_dir, on_hub))
    picker = "".join(
        f'<button type="button" data-lang="{code}" lang="{code}" aria-pressed="false">'
        f"{html.escape(name)}</button>"
        for code, name in i18n.LANGUAGES.items()
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Migration governance: course pack</title><style>{_STYLE}</style>"
        # JupyterLite's apps read the settings of every folder above them from its index.html
        # (empty here: jupyter-lite.json holds them); without this element they fail to start.
        '<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">'
        "{}</script></head>"
        f'<body><main><nav class="kit-picker" aria-label="Language">{picker}</nav>'
        f"{''.join(versions)}</main><script>{_SCRIPT}</script></body></html>"
    )

"""Is the feedback page of a French graded set French all through, nbgrader's own words too?

Real nbgrader: a ``-fr`` set is generated, answered, autograded and its feedback written by
``kit course feedback``; the page is read as HTML and shown in Debian's Chromium (offline).
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from browser import screenshot
from bs4 import BeautifulSoup
from course_factories import new_course, ready_assignments, submit, with_solutions
from kitcli import course as run
from nbgrader.preprocessors import saveautogrades

from kit import i18n
from kit.course import feedback_page
from kit.course.api import check, open_api
from kit.course.lms import questions

SET = "05-cooperation-fr"


def nbgrader_words() -> set[str]:
    """The English words nbgrader's own feedback template writes around the answers, read from
    that template (labels, table of contents, comments, score, the link to the top)."""
    folder = Path(feedback_page.template_dirs()[0])
    source = (folder / "feedback" / "index.html.j2").read_text(encoding="utf-8")
    words = set(re.findall(r">\s*([A-Z][A-Za-z' -]+?):?\s*(?:<|\{\{|\()", source))
    assert {"Student's answer", "Comments", "Score"} <= words, "nbgrader's template changed"
    return words | {"Top"}


@pytest.fixture(scope="module")
def french_feedback(tmp_path_factory):
    """The feedback HTML of one official's half-answered French set, as the kit writes it."""
    if SET not in ready_assignments():
        pytest.skip(f"{SET} is not written yet")
    root = new_course(tmp_path_factory.mktemp("feedback-fr"), [SET])
    submit(root, SET, "bruno", with_solutions(root, SET, 0.5))
    check(open_api(root).autograde(SET, "bruno"), f"autograde {SET} bruno")
    assert run(["feedback", SET, "--dir", str(root)]) == 0
    return root / "feedback" / "bruno" / SET / f"{SET}.html"


def _chrome(page: str) -> str:
    """The text the feedback page puts around the official's notebook: the table of contents,
    the headings and footers of the graded cells (not the notebook's own text)."""
    soup = BeautifulSoup(page, "html.parser")
    parts = [soup.select_one("#toc")] + soup.select(".nbgrader_cell > .panel-heading")
    parts += soup.select(".nbgrader_cell > .panel-footer")
    parts.append(soup.select_one(".panel-heading h4"))
    return "\n".join(part.get_text(" ") for part in parts if part is not None)


def test_french_sets_feedback_has_no_english_nbgrader_words_left(french_feedback):
    """Does a French set's feedback page say lang="fr", use the catalogue's French for every
    word the kit's template writes, and leave none of nbgrader's English words around the
    answers (read from nbgrader's template and autograder) nor the catalogue's English source
    texts, and show no mark scheme?"""
    page = french_feedback.read_text(encoding="utf-8")
    root = BeautifulSoup(page, "html.parser").html
    assert (root.get("lang"), root.get("dir")) == ("fr", "ltr"), page[:300]
    chrome = _chrome(page)
    assert chrome.count("\n") > 3, "the page has no graded cells to label"
    left = [w for w in nbgrader_words() if re.search(rf"\b{re.escape(w)}\b", chrome)]
    assert left == [], f"nbgrader's English words on the French page: {left}"
    with i18n.use("en"):
        english = feedback_page.words()
    with i18n.use("fr"):
        french = feedback_page.words()
    # Each word's fixed text (before any placeholder), as the catalogue gives it.
    fixed = {key: text.split("{")[0].strip() for key, text in english.items()}
    shown = [key for key in french if french[key].split("{")[0].strip() in chrome]
    assert {"answer", "written", "score", "top"} <= set(shown), shown
    still_english = [fixed[key] for key in shown if fixed[key] != french[key].split("{")[0].strip()]
    assert [w for w in still_english if re.search(rf"\b{re.escape(w)}\b", chrome)] == []
    # nbgrader's automatic comment on an untouched answer (read from its autograder).
    autograder = Path(saveautogrades.__file__).read_text(encoding="utf-8")
    (no_response,) = re.findall(r'auto_comment = "([^"]+)"', autograder)
    assert no_response not in chrome
    # The mark scheme is the trainer's: not on the official's page.
    assert questions.BEGIN not in page and questions.END not in page
    # The score's decimal comma: French numbers on a French page.
    assert not re.search(r"\d\.\d", chrome), chrome


@pytest.fixture
def served(french_feedback):
    """The feedback page's address on a local web server (as an official's browser gets it)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # no line per request in the test's output
            pass

    handler = functools.partial(Quiet, directory=str(french_feedback.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/{french_feedback.name}"
    server.shutdown()


@pytest.mark.browser
def test_french_feedback_page_in_a_browser(served, context, offline):
    """Does the French feedback page open in Chromium with nothing asked from outside (no
    MathJax from a CDN), its French headings visible, the contents above the answers?"""
    page = context.new_page()
    page.goto(served)
    assert page.evaluate("document.documentElement.lang") == "fr"
    answer = i18n.gettext("courses", "Your answer", "fr")
    assert page.get_by_text(answer).first.is_visible()
    toc = page.locator("#toc").bounding_box()
    first = page.locator(".nbgrader_cell").first.bounding_box()
    assert toc["y"] + toc["height"] <= first["y"], "the contents overlap the first answer"
    shot = screenshot(page, "courses/feedback-fr")
    assert shot.is_file() and offline.attempts == []

"""The hub's sign-in page in the official's language, without a hub: its words fit the installed
JupyterHub's form, and its handler is the one the authenticator serves (the page itself is
tested in a real hub by tests/hub/test_hub_home_browser.py)."""

from __future__ import annotations

from pathlib import Path

import jupyterhub
from jupyterhub.handlers.login import LoginHandler

from kit.hub import login

TEMPLATE = Path(jupyterhub.__file__).parents[4] / "share/jupyterhub/templates/login.html"


def test_every_english_snippet_is_in_the_installed_jupyterhub_form():
    """Is each English snippet the kit replaces found in the installed JupyterHub's sign-in
    template (an upgrade that changed one would leave it English)?"""
    text = TEMPLATE.read_text(encoding="utf-8")
    missing = [english for english, _, _ in login.FORM_WORDS if english not in text]
    assert not missing


def test_form_words_puts_the_languages_words_in_and_escapes_them():
    """Does form_words give the French heading, labels and button, and the Arabic ones, in
    place of JupyterHub's English, leaving the form's working parts as they are?"""
    form = (
        '<h1>Sign in</h1><label for="username_input">Username:</label>'
        '<input name="_xsrf" value="x"/><input id="login_submit" value=\'Sign in\' />'
    )
    french = login.form_words(form, "fr")
    assert "<h1>Se connecter</h1>" in french and "Nom d’utilisateur :" in french
    assert 'value="Se connecter"' in french and '<input name="_xsrf" value="x"/>' in french
    assert "Sign in" not in login.form_words(form, "ar")


def test_authenticator_serves_the_kits_sign_in_handler():
    """Does the subclassed authenticator (PAM and dummy) route /login to the kit's handler
    and keep its other routes?"""
    for name in ("pam", "dummy"):
        cls = login.authenticator_class(name)
        routes = cls().get_handlers(None)
        handlers = dict((r[0], r[1]) for r in routes)
        assert issubclass(handlers["/login"], LoginHandler)
        assert handlers["/login"] is not LoginHandler

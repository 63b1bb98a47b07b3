"""The hub's sign-in page in the official's language: French, Spanish, Arabic (right to left).

The kit's ``login.html`` (kit/hub/templates/) extends JupyterHub's and adds the language
picker and the page's ``lang``/``dir``. JupyterHub's words in the form (heading, labels, button)
are literal text inside blocks that also hold the form's working parts (the XSRF field, ``next``,
the password toggle), so overriding those blocks would copy JupyterHub's form; instead
``form_words`` puts the kit's words in place of exactly those English snippets. The error after a
wrong password is JupyterHub's English message, translated here before it is shown.

The sign-in route comes from the authenticator (``get_handlers``), so the kit's handler is put
there by a subclass of the configured authenticator (``authenticator_class``).
"""

# i18n-domain: courses

from __future__ import annotations

from importlib.metadata import entry_points
from urllib.parse import urlencode

from markupsafe import Markup, escape

from kit import i18n
from kit.hub.language import LanguageMixin, page_vars
from kit.i18n import N_

#: JupyterHub 6.1's English snippets in its sign-in form, each with the kit's snippet (the
#: message goes in ``{}``) and the message. A snippet not found is left as it is (English): the
#: browser test of the sign-in page fails then, so a JupyterHub upgrade is looked at.
FORM_WORDS = [
    ("<h1>Sign in</h1>", "<h1>{}</h1>", N_("Sign in")),
    (
        '<label for="username_input">Username:</label>',
        '<label for="username_input">{}</label>',
        N_("Username:"),
    ),
    (
        '<label for="password_input">Password:</label>',
        '<label for="password_input">{}</label>',
        N_("Password:"),
    ),
    ('title="Show password"', 'title="{}"', N_("Show password")),
    ("value='Sign in'", 'value="{}"', N_("Sign in")),
]

#: JupyterHub's messages on the sign-in page (login_error), marked for the catalogue.
ERRORS = [N_("Invalid username or password"), N_("Login form invalid or expired. Try again.")]


def form_words(html: str, lang: str) -> Markup:
    """JupyterHub's sign-in form ``html`` with the kit's words in ``lang`` in place of its own."""
    for english, ours, msg in FORM_WORDS:
        html = html.replace(english, ours.format(escape(i18n.gettext("courses", msg, lang))))
    return Markup(html)


def handler_class():
    """JupyterHub's sign-in handler, with the kit's language variables and translated error."""
    from jupyterhub.handlers.login import LoginHandler

    class KitLoginHandler(LanguageMixin, LoginHandler):
        """The sign-in page in the language chosen by ``?lang=``, the cookie or the browser."""

        @property
        def template_namespace(self):
            ns = super().template_namespace
            lang = self.kit_language
            ns.update(page_vars(lang))
            ns["kit_form_words"] = lambda html: form_words(str(html), lang)
            # The picker keeps where sign-in leads to.
            following = self.get_argument("next", "")
            ns["kit_picker_query"] = lambda code: urlencode(
                {"lang": code, **({"next": following} if following else {})}
            )
            return ns

        def _render(self, login_error=None, username=None, **kwargs):
            if login_error:
                login_error = i18n.gettext("courses", login_error, self.kit_language)
            return super()._render(login_error=login_error, username=username, **kwargs)

        async def get(self):
            self.remember_language()
            return await super().get()

    return KitLoginHandler


def authenticator_class(name: str):
    """The authenticator named ``name`` (an entry point, e.g. ``pam``, or a dotted class path),
    subclassed so that its sign-in route is the kit's handler. Its settings still apply: a
    subclass reads the configuration of its parent classes (``c.PAMAuthenticator...``)."""
    from jupyterhub.handlers.login import LoginHandler

    found = entry_points(group="jupyterhub.authenticators", name=name)
    if found:
        base = next(iter(found)).load()
    else:
        module, _, attr = name.rpartition(".")
        base = getattr(__import__(module, fromlist=[attr]), attr)
    kit_handler = handler_class()

    def get_handlers(self, app):
        return [
            (route, kit_handler if handler is LoginHandler else handler, *rest)
            for route, handler, *rest in base.get_handlers(self, app)
        ]

    return type(f"Kit{base.__name__}", (base,), {"get_handlers": get_handlers})

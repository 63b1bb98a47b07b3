"""How an assignment id reads on a certificate, a credential or a platform's gradebook column."""

from __future__ import annotations

from kit import i18n

_ = i18n.translator("courses")


def _translated_title(module_id: str, lang: str) -> str | None:
    """The module's title from ``curriculum/<module>/module.<lang>.yaml``, if there is one."""
    import yaml

    from kit import paths

    path = paths.curriculum_dir() / module_id / f"module.{lang}.yaml"
    try:
        title = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("title")
    except (OSError, yaml.YAMLError, AttributeError):
        return None
    return title.strip() if isinstance(title, str) and title.strip() else None


def module_title(assignment: str) -> str:
    """An assignment id as a reader would write it: ``03-border-management`` becomes
    ``Module 03: Border management``; in another language (``kit.i18n.current()``) the module's
    translated title where ``module.<lang>.yaml`` gives one (a translated set ``...-fr`` reads as
    its module)."""
    lang = i18n.current()
    module_id = assignment
    for code in i18n.LANGUAGES:
        module_id = module_id.removesuffix(f"-{code}") if code != "en" else module_id
    number, _sep, rest = module_id.partition("-")
    name = rest.replace("-", " ").capitalize()
    if lang != "en":
        name = _translated_title(module_id, lang) or name
    if number.isdigit() and rest:
        return _("Module {number}: {name}").format(number=number, name=name)
    return assignment.replace("-", " ").capitalize()

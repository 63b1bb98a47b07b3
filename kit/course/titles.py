"""How an assignment id reads on a certificate, a credential or a platform's gradebook column."""

from __future__ import annotations


def module_title(assignment: str) -> str:
    """An assignment id as a reader would write it: ``03-border-management`` becomes
    ``Module 03: Border management``."""
    number, _, rest = assignment.partition("-")
    if number.isdigit() and rest:
        return f"Module {number}: {rest.replace('-', ' ').capitalize()}"
    return assignment.replace("-", " ").capitalize()

"""The capacity-building kit for migration governance: checklist, scoring and reports."""

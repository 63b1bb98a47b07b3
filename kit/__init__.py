"""The capacity-building kit for migration governance: checklist, scoring and reports.

A small public API; the command line (``kit``) is built on the same calls::

    framework = kit.load_framework()                      # the Commission's checklist
    answers = [kit.load_responses(p, framework) for p in paths]
    result = kit.assess(framework, answers)               # scored, consolidated, planned
    kit.write_report(result, "report.html")
"""

from kit.assessment import Assessment, assess
from kit.consolidation import consolidate
from kit.errors import KitError
from kit.framework import Framework, load_framework
from kit.io.formats import load_responses, save_responses
from kit.report.data import report_data
from kit.report.write import write_report
from kit.responses import Answer, ResponseSet
from kit.scoring import Scorecard, score

__all__ = [
    "Answer",
    "Assessment",
    "Framework",
    "KitError",
    "ResponseSet",
    "Scorecard",
    "assess",
    "consolidate",
    "load_framework",
    "load_responses",
    "report_data",
    "save_responses",
    "score",
    "write_report",
]

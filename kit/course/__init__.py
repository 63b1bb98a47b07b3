"""The trainer's workflow over nbgrader: course commands, safe parallel autograding, analytics.

The command line is ``kit course ...`` (:mod:`kit.cli.course`).
"""

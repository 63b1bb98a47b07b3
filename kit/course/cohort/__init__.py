"""The cohort dashboard and report: a graded course's results for the trainer."""

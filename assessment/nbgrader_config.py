"""nbgrader configuration for the course: run nbgrader commands from this folder."""

import os

c = get_config()  # noqa: F821 - nbgrader injects get_config when it loads this file

c.CourseDirectory.course_id = "migration-governance"
# The course directory is this folder, wherever the repository (or a test's copy) lives;
# source/, release/, submitted/, autograded/, feedback/ and gradebook.db sit inside it.
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))

# Answer cells show a placeholder line written by the author above ### BEGIN SOLUTION
# (`stays = ...`); the stub below replaces the solution. No `raise NotImplementedError()`:
# an official who runs a blank cell should meet a readable assertion, not a traceback.
c.ClearSolutions.code_stub = {"python": "# YOUR ANSWER HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A learner's slow answer should not hold up the whole cohort's grading.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True

# One grading at a time per course: the formgrader's Autograde waits while the grading-on-
# submission service or `kit course autograde` grades this course (and they wait for it), so a
# press during the service's run cannot collide with it (docs/trainer-day.md).
c.Autograde.pre_convert_hook = "kit.course.grading.lock.before_autograde"
c.Autograde.post_convert_hook = "kit.course.grading.lock.after_autograde"

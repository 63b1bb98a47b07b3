"""What officials do on their side of an exchange, through nbgrader's own exchange classes."""

from __future__ import annotations

from pathlib import Path

from traitlets.config import Config


def official_config(exchange: Path, course_id: str, student: str, home: Path) -> Config:
    """The configuration an official's server would have on a multi-course hub."""
    config = Config()
    config.Exchange.root = str(exchange)
    config.Exchange.path_includes_course = True
    config.Exchange.assignment_dir = str(home)
    config.Exchange.cache = str(home / ".nbgrader-cache")
    config.CourseDirectory.course_id = course_id
    config.CourseDirectory.student_id = student
    config.CourseDirectory.root = str(home)
    return config


def _exchange(kind, config: Config, assignment: str):
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = assignment
    return kind(coursedir=coursedir, authenticator=Authenticator(config=config), config=config)


def fetch(config: Config, assignment: str) -> Path:
    """Fetch the released assignment into the official's <course>/<assignment> folder."""
    from nbgrader.exchange.default import ExchangeFetchAssignment

    exchange = _exchange(ExchangeFetchAssignment, config, assignment)
    exchange.start()
    return Path(exchange.dest_path)


def submit(config: Config, assignment: str) -> None:
    """Submit the official's <course>/<assignment> folder to the exchange."""
    from nbgrader.exchange.default import ExchangeSubmit

    _exchange(ExchangeSubmit, config, assignment).start()


def fetch_feedback(config: Config, assignment: str) -> list[Path]:
    """Fetch the feedback released for the official; the HTML files it brought."""
    from nbgrader.exchange.default import ExchangeFetchFeedback

    exchange = _exchange(ExchangeFetchFeedback, config, assignment)
    exchange.start()
    return sorted(Path(exchange.dest_path).rglob("*.html"))

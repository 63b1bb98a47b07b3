"""Reports for many countries at once: one process pool, a progress bar, failures named and skipped.

The batch folder has the dashboard's layout, ``DIR/<country>/<round>/<ministry>.<ext>``. Each
country's latest round is reported, compared with the round before it when there is one, with
the round's review matrix and the previous round's action follow-up as in a single report.
When the folder holds a ``countries.csv`` (country, region, share), a programme summary of the
countries that opted in is written beside the reports (see kit.report.programme).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from kit import i18n
from kit.assessment import Assessment
from kit.atomic import write_bytes_atomic
from kit.crosswalk import load_crosswalk
from kit.errors import KitError
from kit.framework_translation import translated
from kit.io import datafolder
from kit.report import programme
from kit.report.write import FORMATS, write_reports

SUMMARY_STEM = "programme-summary"

_ = i18n.translator("kit")


def _speak(lang: str) -> None:
    """A worker process's start: speak the batch's language (a context does not cross
    processes; the environment does)."""
    os.environ["KIT_LANG"] = lang


@dataclass(frozen=True)
class CountryResult:
    """One country's outcome: the reports written, or the one-line reason it failed."""

    country: str
    outputs: tuple[Path, ...] = ()
    error: str = ""
    seconds: float = 0.0
    #: Lines about how files were read (an encoding guessed), shown on the terminal.
    notices: tuple[str, ...] = ()
    #: The consolidated scores the programme summary needs (country, round, overall, areas).
    scores: dict | None = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class BatchResult:
    """Every country's outcome and the wall time of the whole batch."""

    results: tuple[CountryResult, ...]
    seconds: float
    workers: int
    summary: str = field(default="", compare=False)

    @property
    def done(self) -> tuple[CountryResult, ...]:
        return tuple(r for r in self.results if r.ok)

    @property
    def failed(self) -> tuple[CountryResult, ...]:
        return tuple(r for r in self.results if not r.ok)


def build_assessment(data_dir: Path, country: str, round_: str | None = None) -> Assessment:
    """Assess one country of a data folder: the given round (default the latest), against the
    round before it. Raises KitError naming the file at fault; a country is never reported with
    a ministry silently missing, nor a validated round whose files changed since."""
    from kit.io.validation import check_unchanged

    chosen = _round_folder(data_dir, country, round_)
    if chosen is not None:
        check_unchanged(data_dir / datafolder.slugify(country) / chosen)
    return datafolder.assess_round(data_dir, country, round_, strict=True).assessment


def _round_folder(data_dir: Path, country: str, round_: str | None) -> str | None:
    """The folder of the round reported: the one named, else the country's latest."""
    have = datafolder.rounds(data_dir, datafolder.slugify(country))
    return datafolder.slugify(round_) if round_ else (have[-1] if have else None)


def round_records(data_dir: Path, country: str, round_: str | None, framework) -> tuple[list, list]:
    """What a single report shows beside the scores: the reported round's review comments
    (``review.csv``) and the previous round's action plan (``actions.csv``) for the follow-up.
    Empty lists when the files are not there; a bad row is a KitError naming the file."""
    from kit.io.actions import actions_path, load_actions
    from kit.io.review import load_review, review_path

    slug = datafolder.slugify(country)
    chosen = _round_folder(data_dir, country, round_)
    if chosen is None:
        return [], []
    review = load_review(review_path(data_dir, slug, chosen), framework)
    earlier = datafolder.previous_round(data_dir, slug, chosen)
    actions = load_actions(actions_path(data_dir, slug, earlier), framework) if earlier else []
    return review, actions


def write_country_report(
    data_dir: Path,
    country: str,
    out_dir: Path,
    formats: Sequence[str] = (".html",),
    round_: str | None = None,
) -> list[Path]:
    """Write one country's report in each format as ``OUT/<country>-<round>.<ext>``."""
    assessment = build_assessment(data_dir, country, round_)
    records = round_records(data_dir, country, round_, assessment.framework)
    return _write(assessment, out_dir, formats, records=records)


def _write(
    assessment: Assessment,
    out_dir: Path,
    formats: Sequence[str],
    crosswalks: Sequence[str] = (),
    records: tuple[list, list] = ([], []),
) -> list[Path]:
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    stem = f"{datafolder.slugify(assessment.country)}-{datafolder.slugify(assessment.round)}"
    # Crosswalks are named, and loaded against the framework this country's files declare.
    loaded = [load_crosswalk(name, assessment.framework) for name in crosswalks]
    paths = [Path(out_dir) / f"{stem}{suffix}" for suffix in formats]
    review, actions = records
    return write_reports(assessment, paths, review, actions, crosswalks=loaded)


def _one(
    data_dir: Path,
    country: str,
    out_dir: Path,
    formats: tuple[str, ...],
    crosswalks: tuple[str, ...] = (),
) -> CountryResult:
    start = time.perf_counter()
    try:
        assessment = build_assessment(data_dir, country)
        records = round_records(data_dir, country, None, assessment.framework)
        outputs = _write(assessment, out_dir, formats, crosswalks, records)
    except KitError as exc:
        return CountryResult(country, error=str(exc), seconds=time.perf_counter() - start)
    except Exception as exc:  # one broken country must not stop the other 192
        reason = f"unexpected {type(exc).__name__}: {exc}"
        return CountryResult(country, error=reason, seconds=time.perf_counter() - start)
    notices = tuple(n for rs in assessment.response_sets for n in rs.notices)
    card = assessment.consolidated
    scores = {
        "country": assessment.country,
        "round": assessment.round,
        "overall": card.percent,
        "areas": {a: s.percent for a, s in card.areas.items()},
        # In the batch's language: the worker runs with it (see _speak).
        "area_titles": {
            a.id: a.title for a in translated(assessment.framework, i18n.current()).areas
        },
    }
    return CountryResult(
        country,
        tuple(outputs),
        seconds=time.perf_counter() - start,
        notices=notices,
        scores=scores,
    )


def run_batch(
    batch_dir: Path,
    out_dir: Path,
    workers: int | None = None,
    formats: Sequence[str] = (".html",),
    progress: bool = True,
    crosswalks: Sequence[str] = (),
) -> BatchResult:
    """Write every country's report with a pool of worker processes and a progress bar.

    A country that fails is reported on the terminal with its reason and the others go on;
    ``BatchResult.failed`` lists them (the command line then exits non-zero).
    """
    batch_dir, out_dir = Path(batch_dir), Path(out_dir)
    bad = [s for s in formats if s not in FORMATS]
    if bad:
        raise KitError(
            _("unknown report format '{format}' (use {choices})").format(
                format=bad[0], choices=", ".join(FORMATS)
            )
        )
    names = datafolder.countries(batch_dir)
    if not names:
        raise KitError(
            _("{folder}: no country folders (<country>/<round>/<ministry> files)").format(
                folder=batch_dir
            )
        )
    # countries.csv is checked before any report is written: a bad row stops the batch at once.
    countries_csv = batch_dir / programme.COUNTRIES_FILE
    entries = programme.read_countries(countries_csv, names) if countries_csv.is_file() else {}
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(workers or os.cpu_count() or 1, len(names)))
    formats, crosswalks = tuple(formats), tuple(crosswalks)
    start = time.perf_counter()
    results: list[CountryResult] = []
    bar = tqdm(
        total=len(names), desc=_("Reports"), unit="country", file=sys.stderr, disable=not progress
    )

    def record(result: CountryResult) -> None:
        results.append(result)
        if not result.ok:
            failure = _("FAILED {country}: {reason}").format(
                country=result.country, reason=result.error
            )
            bar.write(failure, file=sys.stderr)
        for notice in result.notices:
            bar.write(_("note: {notice}").format(notice=notice), file=sys.stderr)
        bar.update(1)

    with bar:
        if workers == 1:
            for name in names:
                record(_one(batch_dir, name, out_dir, formats, crosswalks))
        else:
            with ProcessPoolExecutor(
                max_workers=workers, initializer=_speak, initargs=(i18n.current(),)
            ) as pool:
                futures = [
                    pool.submit(_one, batch_dir, n, out_dir, formats, crosswalks) for n in names
                ]
                for future in as_completed(futures):
                    record(future.result())
    seconds = time.perf_counter() - start
    order = {n: i for i, n in enumerate(names)}
    results.sort(key=lambda r: order[r.country])
    failed = sum(not r.ok for r in results)
    if countries_csv.is_file():  # without it no country has opted in: no summary
        _write_summary(results, entries, out_dir)
    summary = _(
        "{done} of {total} countries reported in {seconds} s with {workers} worker(s) into {out}"
    ).format(
        done=len(results) - failed,
        total=len(results),
        seconds=i18n.format_number(seconds, digits=1),
        workers=workers,
        out=out_dir,
    )
    if failed:
        summary += _("; {count} failed (named above)").format(count=failed)
    if countries_csv.is_file():
        summary += _("; programme summary of the countries that opted in: {file}").format(
            file=f"{SUMMARY_STEM}.html"
        )
    if progress:
        print(summary, file=sys.stderr)
    return BatchResult(tuple(results), seconds, workers, summary)


def _write_summary(
    results: list[CountryResult],
    entries: dict[str, programme.CountryEntry],
    out_dir: Path,
) -> list[Path]:
    """Write the programme summary (HTML and JSON) of the countries reported that opted in."""
    scores = {r.country: r.scores for r in results if r.ok and r.scores is not None}
    summary = programme.programme_summary(scores, entries)
    return [
        write_bytes_atomic(out_dir / f"{SUMMARY_STEM}.json", programme.summary_json(summary)),
        write_bytes_atomic(out_dir / f"{SUMMARY_STEM}.html", programme.summary_html(summary)),
    ]

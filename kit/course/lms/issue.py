"""``kit course certificates``' credential step: sign, write, index and draw the QR codes."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kit import i18n
from kit.atomic import write_text_atomic
from kit.course.lms import badges, keys
from kit.course.lms.revocations import record_issued
from kit.course.titles import module_title

_ = i18n.translator("courses")

JWKS_FILE = "issuer-jwks.json"


def _course_id(root: Path) -> str:
    from kit.course.api import CONFIG_FILE, load_config

    if not (root / CONFIG_FILE).is_file():
        return root.name
    return str(load_config(root).CourseDirectory.get("course_id") or root.name)


def badge_issuer(root: Path, out: Path, args):
    """A function adding signed credentials to the passing rows, or None (with one line saying
    why) when the ``lms`` extra is not installed."""
    try:
        import cryptography  # noqa: F401
        import jwt  # noqa: F401
        import segno  # noqa: F401
    except ImportError:
        print(
            _(
                "kit: credentials not issued: install the kit with its lms extra "
                "(pip install 'migration-governance-kit[lms]'); printable certificates only"
            ),
            file=sys.stderr,
        )
        return None

    def issue(rows: list[dict]) -> None:
        key = keys.load_or_create(root)
        jwk = keys.public_jwk(key)
        issuer_id = args.issuer_url or f"urn:kit:course:{_course_id(root)}"
        issuer_name = args.issuer_name or "Migration governance training programme"
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        until = (
            now + dt.timedelta(days=round(365.25 * args.valid_years)) if args.valid_years else None
        )
        folder = out / "credentials"
        folder.mkdir(parents=True, exist_ok=True)
        write_text_atomic(out / JWKS_FILE, keys.jwks_text(key))
        index, compacted = [], 0
        for row in rows:
            row["badges"] = []
            for assignment in row["modules"]:
                module = badges.module_info(assignment, args.curriculum, module_title(assignment))
                body = badges.credential(
                    issuer_id=issuer_id,
                    issuer_name=issuer_name,
                    module=module,
                    student=row["student"],
                    name=row["name"],
                    percent=row["percent"],
                    pass_mark=f"{args.pass_mark:g}",
                    valid_from=now,
                    valid_until=until,
                    level=args.level,
                )
                token = badges.sign(body, key, jwk["kid"])
                path = write_text_atomic(folder / f"{row['student']}--{assignment}.jwt", token)
                svg, is_compact = badges.qr_svg(token)
                compacted += is_compact
                row["badges"].append(
                    {
                        "module": assignment,
                        "id": body["id"],
                        "qr": svg,
                        "compact": is_compact,
                        "file": path.name,
                    }  # fmt: skip
                )
                index.append({"id": body["id"], "student": row["student"], "module": assignment,
                              "validFrom": body["validFrom"], "file": str(path)})  # fmt: skip
        if index:
            record_issued(root, index)
        if compacted:
            line = _(
                "kit: {count} credentials signed into {folder} ({compacted} QR codes hold the "
                "compressed form); publish {keys}"
            )
        else:
            line = _("kit: {count} credentials signed into {folder}; publish {keys}")
        print(
            line.format(count=len(index), folder=folder, compacted=compacted, keys=out / JWKS_FILE),
            file=sys.stderr,
        )

    return issue

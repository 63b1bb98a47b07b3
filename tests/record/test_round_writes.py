"""Do the writes the hub's assessment service makes for a signed-in person follow the roster
(kit.io.round_writes), without a hub: roles, refusals on the audit log, nothing else touched?"""

from __future__ import annotations

import pytest

from kit.cli import main
from kit.errors import KitError
from kit.framework import load_framework
from kit.io import audit, round_writes
from kit.io.actions import Action
from kit.io.assessment_roster import Refused, parse_roster
from kit.io.review import Comment
from kit.responses import Answer

FRAMEWORK = load_framework()
ITEM = next(iter(FRAMEWORK.items))
ROSTER = parse_roster(
    b"user,country,round,role,ministry\n"
    b"ana,Utopia,2025,focal-point,Ministry of the Interior\n"
    b"ben,Utopia,2025,focal-point,Ministry of Labour\n"
    b"rev,Utopia,*,reviewer,\n"
    b"coo,Utopia,*,coordinator,\n",
    "roles.csv",
)
ROUND = ("utopia", "2025")


def _save(data, user, ministry, level=1.0):
    answer = Answer(ITEM, "level", level, evidence=f"typed by {user}")
    names = ("Utopia", "2025", ministry)
    return round_writes.save_answers(data, FRAMEWORK, ROSTER, user, names, [answer])


def test_a_focal_point_saves_only_its_own_ministry(data):
    """Does Interior's focal point save Interior's answer (on the audit log), and is its attempt
    on Labour's answers refused, logged, and Labour's file left byte for byte?"""
    labour = data / "utopia" / "2025" / "labour.csv"
    before = labour.read_bytes()
    path = _save(data, "ana", "Ministry of the Interior")
    assert "typed by ana" in path.read_text()
    with pytest.raises(Refused, match="ana may not save for Ministry of Labour"):
        _save(data, "ana", "Ministry of Labour", 0.0)
    assert labour.read_bytes() == before
    entries = audit.verify(audit.log_path(data, "utopia"))
    assert [(e["who"], e["action"]) for e in entries[-2:]] == [("ana", "save"), ("ana", "refused")]


def test_review_requests_are_judged_against_the_file(data):
    """Does the reviewer comment, Labour respond, Interior's response to Labour's comment get
    refused, and the coordinator accept?"""
    comment = Comment("c1", ITEM, "Dr Rev", "Which decree?", "Ministry of Labour")
    round_writes.review_change(data, FRAMEWORK, ROSTER, "rev", ROUND, comment)
    reply = Comment("c1", ITEM, "Dr Rev", "Which decree?", "Ministry of Labour", "No 12",
                    "answered")  # fmt: skip
    with pytest.raises(Refused):
        round_writes.review_change(data, FRAMEWORK, ROSTER, "ana", ROUND, reply)
    saved = round_writes.review_change(data, FRAMEWORK, ROSTER, "ben", ROUND, reply)
    assert saved.response == "No 12" and saved.version == 2
    with pytest.raises(Refused):  # a focal point may not accept the answer to its own comment
        round_writes.review_change(
            data, FRAMEWORK, ROSTER, "ben", ROUND, Comment(**{**vars(saved), "status": "accepted"})
        )
    accepted = round_writes.review_change(
        data, FRAMEWORK, ROSTER, "coo", ROUND, Comment(**{**vars(saved), "status": "accepted"})
    )
    assert accepted.status == "accepted"


def test_only_the_coordinator_validates_and_then_the_round_is_read_only(data):
    """Is a focal point's validation refused, the coordinator's done, a later save refused as
    read-only, and an action and a reopening allowed to their roles only?"""
    with pytest.raises(Refused):
        round_writes.validate(data, ROSTER, "ana", ROUND)
    with pytest.raises(Refused):
        round_writes.save_action(data, FRAMEWORK, ROSTER, "rev", ROUND, Action("a1", ITEM, 3, "X"))
    round_writes.save_action(data, FRAMEWORK, ROSTER, "ana", ROUND, Action("a1", ITEM, 3, "X"))
    record = round_writes.validate(data, ROSTER, "coo", ROUND)
    assert record.validated and record.by == "coo"
    with pytest.raises(KitError, match="read-only"):
        _save(data, "ana", "Ministry of the Interior")
    with pytest.raises(Refused):
        round_writes.reopen(data, ROSTER, "ben", ROUND, "mine")
    round_writes.reopen(data, ROSTER, "coo", ROUND, "late evidence")
    assert main(["audit", str(data), "--country", "utopia"]) == 0


def test_kit_hub_refuses_a_bad_assessment_roster_in_one_line(tmp_path, capsys):
    """Does ``kit hub --assessment-roster`` stop on a bad roster row, naming file and row,
    before any account or folder is made?"""
    roster = tmp_path / "roles.csv"
    roster.write_text("user,country,round,role,ministry\nana,Utopia,2025,minister,\n")
    code = main(["hub", "--officials", "1", "--dir", str(tmp_path / "hub"),
                 "--assessment-roster", str(roster)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "roles.csv" in err and "row 2" in err and "minister" in err
    assert not (tmp_path / "hub").exists()


def test_the_service_answers_in_the_senders_language(data):
    """Is the sentence the assessment service sends back to a French-speaking focal point's
    dashboard in French (the dashboard shows it as is), and in English without a language?"""
    from kit import i18n
    from kit.hub.assessment_service import perform

    answer = {"item_id": ITEM, "status": "level", "level": 2.0}
    body = {"country": "Utopia", "round": "2025", "ministry": "Ministry of the Interior"}
    with i18n.use("fr"):
        french = perform("save", {**body, "answers": [answer]}, "ana", data, ROSTER)
    assert french == "Enregistré dans utopia/2025/interior.csv."
    english = perform("save", {**body, "answers": [answer]}, "ana", data, ROSTER)
    assert english == "Saved to utopia/2025/interior.csv."


def test_the_service_refuses_in_the_senders_language(data):
    """Is a request outside the sender's role refused in French when the sender speaks French
    (who, what and the ids kept as they are), and a malformed request too?"""
    from kit import i18n
    from kit.hub.assessment_service import perform

    answer = {"item_id": ITEM, "status": "level", "level": 2.0}
    body = {"country": "Utopia", "round": "2025", "ministry": "Ministry of Labour"}
    with i18n.use("fr"), pytest.raises(Refused) as refused:
        perform("save", {**body, "answers": [answer]}, "ana", data, ROSTER)
    text = str(refused.value)
    assert "\n" not in text and "ana" in text and "Ministry of Labour" in text
    assert "not in their role" not in text
    wanted = i18n.gettext("kit", "{user} may not {request} for {ministry} in {country} {round}: "
                          "not in their role (assessment roster); the refusal is on the audit log",
                          "fr")  # fmt: skip
    assert wanted.split("{ministry}")[1].split("{country}")[0] in text
    with i18n.use("fr"), pytest.raises(KitError, match="la demande doit comporter « round »"):
        perform("validate", {"country": "Utopia"}, "coo", data, ROSTER)

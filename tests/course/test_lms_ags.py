"""LTI Advantage grade push against a local platform double that checks the tool's signature."""

from __future__ import annotations

import pytest

pytest.importorskip("jwt")

from platform_double import Platform, rsa_pair, serve  # noqa: E402

from kit.course.lms import ags  # noqa: E402


@pytest.fixture
def platform(tmp_path):
    key_path, public = rsa_pair(tmp_path)
    double = Platform(client_id="kit-tool-42", tool_key=public)
    server = serve(double)
    config = ags.LtiConfig(
        client_id="kit-tool-42",
        token_url=double.token_url,
        lineitems=double.lineitems,
        private_key=key_path,
        key_id="tool-key-1",
    )
    yield double, config
    server.shutdown()
    server.server_close()


SCORES = {"amina": ("lti-u-1", 9.5, False), "bruno": ("lti-u-2", 4.0, True)}


def test_push_creates_line_item_and_sends_each_score(platform):
    """Does a push authenticate with an RS256 assertion the platform verifies, create the
    assignment's line item once, and post every official's score to <line item>/scores?"""
    double, config = platform
    outcome = ags.push(config, "05-cooperation", "Module 05: Cooperation", 12.0, SCORES)
    assert outcome.sent == ["amina", "bruno"] and not outcome.failed
    assert double.assertions[0]["aud"] == double.token_url
    assert double.line_items == [
        {
            "scoreMaximum": 12.0,
            "label": "Module 05: Cooperation",
            "resourceId": "05-cooperation",
            "id": f"{double.base}/api/lineitems/1?course=7",
        }  # fmt: skip
    ]
    got = {s["userId"]: s for s in double.scores}
    assert got["lti-u-1"]["scoreGiven"] == 9.5 and got["lti-u-1"]["scoreMaximum"] == 12.0
    assert got["lti-u-1"]["gradingProgress"] == "FullyGraded"
    assert got["lti-u-2"]["gradingProgress"] == "PendingManual"
    assert {s["lineitem"] for s in double.scores} == {"/api/lineitems/1"}
    assert {s["query"] for s in double.scores} == {"course=7"}

    ags.push(config, "05-cooperation", "Module 05: Cooperation", 12.0, SCORES)
    assert len(double.line_items) == 1  # found again, not created twice


def test_wrong_key_sends_nothing_and_names_everyone(platform, tmp_path):
    """Is a tool signing with a key the platform does not know refused at the token endpoint,
    with every official named as not sent and no score recorded?"""
    double, config = platform
    other, _ = rsa_pair(tmp_path, "stranger")
    config.private_key = other
    outcome = ags.push(config, "05-cooperation", "M", 12.0, SCORES)
    assert outcome.sent == [] and set(outcome.failed) == {"amina", "bruno"}
    assert "HTTP 401" in outcome.failed["amina"]
    assert double.scores == [] and double.line_items == []


def test_refused_score_names_the_official(platform):
    """When the platform refuses one score, are the others still sent and the refused official
    named with the reason?"""
    double, config = platform
    double.refuse_users = {"lti-u-2"}
    outcome = ags.push(config, "05-cooperation", "M", 12.0, SCORES)
    assert outcome.sent == ["amina"]
    assert list(outcome.failed) == ["bruno"] and "HTTP 500" in outcome.failed["bruno"]


def test_platform_down_is_named(tmp_path):
    """Is an unreachable platform reported per official instead of a traceback?"""
    key_path, _ = rsa_pair(tmp_path)
    config = ags.LtiConfig("c", "http://127.0.0.1:9/token", "http://127.0.0.1:9/li", key_path)
    outcome = ags.push(config, "a", "A", 1.0, {"amina": ("u", 1.0, False)})
    assert "cannot reach" in outcome.failed["amina"]

"""Does the Download submission button of a graded set name the file and the official rightly?"""

from __future__ import annotations

import base64
import json
import re

from kit.teaching import submission_download, submission_filename


def test_file_name_keeps_the_name_and_drops_what_a_file_system_refuses():
    """Are accents kept, and slashes, colons and extra spaces dropped from the file name?"""
    assert submission_filename("01-x", "  Amina   Diallo ") == "01-x - Amina Diallo.ipynb"
    assert submission_filename("01-x", "José Álvarez") == "01-x - José Álvarez.ipynb"
    assert submission_filename("01-x", "a/b:c") == "01-x - abc.ipynb"
    assert submission_filename("01-x", "///") == "01-x - unnamed.ipynb"


def test_button_offers_the_saved_notebook_with_the_officials_name(tmp_path, monkeypatch):
    """Does the button offer the notebook as saved, with the name in its metadata, and ask for a
    name first?"""
    monkeypatch.chdir(tmp_path)
    saved = {"cells": [{"cell_type": "code", "source": "answer = 4"}], "metadata": {}}
    (tmp_path / "01-x.ipynb").write_text(json.dumps(saved), encoding="utf-8")
    box = submission_download("01-x")
    box.prepare()
    assert "Type your full name first" in box.result.value
    box.name.value = "Amina Diallo"
    box.prepare()
    assert 'download="01-x - Amina Diallo.ipynb"' in box.result.value
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", box.result.value).group(1)
    offered = json.loads(base64.b64decode(payload))
    assert offered["cells"] == saved["cells"]
    assert offered["metadata"]["kit"] == {"assignment": "01-x", "official": "Amina Diallo"}


def test_button_says_so_when_the_notebook_is_not_there(tmp_path, monkeypatch):
    """Opened away from its folder, does the button say what to do instead of failing?"""
    monkeypatch.chdir(tmp_path)
    box = submission_download("01-x")
    box.name.value = "Amina Diallo"
    box.prepare()
    assert "cannot be read here" in box.result.value and "download=" not in box.result.value

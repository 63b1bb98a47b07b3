"""In the static pack, do a translated lesson's checks answer in its language, and is a
translated graded set handed in in its language? (The pack's kit-teaching wheel, run alone.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

from repo import ROOT

from kit.pack import wheels
from kit.pack.release import hand_in_cells

CHECK = """
from kit import teaching
import kit
teaching.setup(lang="fr")
box = teaching.number_check("Combien ?", 1250000.5)
box.entry.value = "1,250"
print(box.button.description)
print(box.feedback.value)
box.show_answer()
print(box.feedback.value)
print(kit.__file__)
"""


def test_the_browser_wheel_answers_in_french(tmp_path):
    """Unpacked alone (as Pyodide installs it, without Babel's kit.i18n), does the wheel's
    teaching answer a French check in French, numbers written the French way?"""
    catalogues = wheels.browser_catalogues(ROOT / "kit" / "locale")
    wheel = wheels.teaching_wheel(tmp_path, ROOT / "kit" / "teaching.py", "0.0.1", catalogues)
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    # Run away from the checkout (``-c`` puts the working folder first on sys.path).
    done = subprocess.run(
        [sys.executable, "-c", CHECK],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    button, feedback, answer, where = done.stdout.strip().splitlines()
    assert where.startswith(str(site)), "the test ran the kit of the checkout, not the wheel's"
    assert button == "Vérifier"
    assert "Pas tout à fait" in feedback and "trop bas" in feedback  # 1,250 read as 1,25
    assert "1\u202f250\u202f000,5" in answer


def test_a_translated_graded_set_is_handed_in_in_its_language():
    """Do the hand-in cells of 01-policy-formulation-fr speak French and make a French button?"""
    steps, button = hand_in_cells("01-policy-formulation-fr")
    assert steps["source"].startswith("## Remettre votre travail")
    assert 'submission_download("01-policy-formulation-fr", lang="fr")' in button["source"]
    english, _ = hand_in_cells("01-policy-formulation")
    assert english["source"].startswith("## Hand in your work")
    json.dumps([steps, button])  # they are plain notebook cells

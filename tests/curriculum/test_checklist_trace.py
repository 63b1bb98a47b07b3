"""Is the checklist's trace to the curriculum true in both directions?

The framework (kit/frameworks/gcim-2005.yaml) names under each item the modules that build it;
each module's manifest (curriculum/NN-name/module.yaml) names the items it builds. The gap plan
recommends training from the first list and instructors teach from the second, so they must agree,
and every module named must exist in curriculum/.
"""

from __future__ import annotations

import pytest
import yaml
from curriculum_harness import CURRICULUM

from kit.framework import load_framework

GCIM = load_framework("gcim-2005")
NAMED = sorted({m for item in GCIM.items.values() for m in item.modules})


def manifest(module_id: str) -> dict:
    # Plain YAML, not kit.curriculum: a manifest the loader rejects must still show its trace.
    return yaml.safe_load((CURRICULUM / module_id / "module.yaml").read_text(encoding="utf-8"))


def test_every_module_named_in_the_checklist_exists():
    """Is every module listed under a checklist item a folder with a manifest in curriculum/?"""
    missing = [m for m in NAMED if not (CURRICULUM / m / "module.yaml").is_file()]
    assert missing == [], f"the checklist names modules that curriculum/ lacks: {missing}"


def test_every_module_of_the_curriculum_is_in_the_checklist_vocabulary():
    """Is every module folder of curriculum/ in the framework's module vocabulary?"""
    folders = sorted(p.parent.name for p in CURRICULUM.glob("*/module.yaml"))
    assert [f for f in folders if f not in GCIM.modules] == []


@pytest.mark.parametrize("module_id", NAMED)
def test_items_naming_a_module_are_in_its_manifest(module_id):
    """Does the module's manifest list every item whose `modules` name it?"""
    if not (CURRICULUM / module_id / "module.yaml").is_file():
        pytest.fail(f"{module_id}: no curriculum/{module_id}/module.yaml")
    listed = set(manifest(module_id).get("checklist_items") or [])
    expected = [i.id for i in GCIM.items.values() if module_id in i.modules]
    missing = [i for i in expected if i not in listed]
    assert missing == [], f"{module_id}/module.yaml should list {missing}"


@pytest.mark.parametrize(
    "manifest_path", sorted(CURRICULUM.glob("*/module.yaml")), ids=lambda p: p.parent.name
)
def test_items_in_a_manifest_name_the_module(manifest_path):
    """Does every item a manifest lists name that module in the framework, and exist there?"""
    module_id = manifest_path.parent.name
    listed = manifest(module_id).get("checklist_items") or []
    unknown = [i for i in listed if i not in GCIM.items]
    assert unknown == [], f"{module_id}: items not in checklist {GCIM.version}: {unknown}"
    not_traced = [i for i in listed if module_id not in GCIM.items[i].modules]
    assert not_traced == [], (
        f"{module_id}/module.yaml lists {not_traced}, but the checklist does not name "
        f"{module_id} under them"
    )

"""The README agrees with the code: its commands exist and its quality numbers and lexicon sizes are current."""
import re
import subprocess
import sys

import pytest

from conftest import ROOT


def test_readme_quick_start_commands_exist_in_makefile():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^make (\w+)", readme, flags=re.M):
        assert re.search(rf"^{target}:", makefile, flags=re.M), f"make {target} is in the README, not the Makefile"


def test_readme_kg_commands_are_real_subcommands():
    from kg.cli import make_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = make_parser()._subparsers._group_actions[0].choices
    for cmd in set(re.findall(r"kg (build|evaluate|export|query|serve|push|validate|viz|stats)\b", readme)):
        assert cmd in sub, f"README documents 'kg {cmd}', which the CLI does not have"


@pytest.mark.model
def test_readme_quality_numbers_are_current():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "update_quality.py"), "--check"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr


def test_readme_lexicon_sizes_are_current():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "lexicon_stats.py"), "--check"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr

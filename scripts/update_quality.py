#!/usr/bin/env python3
"""Regenerate the README's "Quality" numbers from `kg evaluate` on the bundled gold data.

    .venv/bin/python scripts/update_quality.py          # rewrite the section in README.md
    .venv/bin/python scripts/update_quality.py --check  # exit 1 if README.md is out of date

The section between the markers below is exactly what `kg evaluate GOLD --by-label` prints for each
gold file, so the README always shows what a fresh clone measures.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

try:  # kg's dependencies: in the project's virtualenv, not in the system Python
    from kg.evaluate import evaluate, format_report, read_gold  # noqa: E402
    from readme_section import update_section  # noqa: E402
except ImportError as e:
    sys.exit(f"update_quality.py: {e.name or e} is not installed for {sys.executable}; run it with the project's "
             f"virtualenv: .venv/bin/python scripts/update_quality.py ('make demo' creates .venv)")

START, END = "<!-- quality:start -->", "<!-- quality:end -->"
GOLD = ["tests/data/blinken-lavrov-vienne.fr.json", "tests/data/wikinews-dev.jsonl", "tests/data/wikinews-dev-more.jsonl",
        "tests/data/plover-gsr-dev.jsonl"]


def quality_section() -> str:
    parts = [START]
    for gold in GOLD:
        records = read_gold(ROOT / gold, articles=ROOT / "examples")
        report = evaluate(records)
        parts.append(f"\n`kg evaluate {gold} --by-label`\n\n```\n{format_report(report, by_label=True).rstrip()}\n```\n")
    parts.append(END)
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    if "-h" in argv or "--help" in argv:
        print(__doc__.strip())
        return 0
    return update_section(START, END, quality_section, argv, "quality numbers", "update_quality.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

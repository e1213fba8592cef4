#!/usr/bin/env python3
"""Regenerate the README's "Quality" numbers from `kg evaluate` on the bundled gold data.

    python scripts/update_quality.py          # rewrite the section in README.md
    python scripts/update_quality.py --check  # exit 1 if README.md is out of date

The section between the markers below is exactly what `kg evaluate GOLD --by-label` prints for each
gold file, so the README always shows what a fresh clone measures.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate import evaluate, format_report, read_gold  # noqa: E402

README = ROOT / "README.md"
START, END = "<!-- quality:start -->", "<!-- quality:end -->"
GOLD = ["tests/data/blinken-lavrov-vienne.fr.json", "tests/data/wikinews-dev.jsonl", "tests/data/plover-gsr-dev.jsonl"]


def quality_section() -> str:
    parts = [START]
    for gold in GOLD:
        records = read_gold(ROOT / gold, articles=ROOT / "examples")
        report = evaluate(records)
        parts.append(f"\n`kg evaluate {gold} --by-label`\n\n```\n{format_report(report, by_label=True).rstrip()}\n```\n")
    parts.append(END)
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"README.md has no {START} … {END} section", file=sys.stderr)
        return 2
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = head + quality_section() + tail
    if "--check" in argv:
        if new != text:
            print("README.md quality numbers are out of date: run python scripts/update_quality.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

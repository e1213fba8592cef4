#!/usr/bin/env python3
"""Regenerate the README's example queries and their output on the example corpus.

    .venv/bin/python scripts/update_query_docs.py          # rewrite the section in README.md
    .venv/bin/python scripts/update_query_docs.py --check  # exit 1 if README.md is out of date

The section between the markers below is what `kg query QUERY --data examples/corpus.ttl --format table`
prints for every query under examples/queries/. examples/corpus.ttl is the graph of the example articles,
rebuilt with `kg build examples/*.txt -o examples/corpus.ttl` (a test checks that it is current).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

try:  # kg's dependencies: in the project's virtualenv, not in the system Python
    from kg.sparql import format_table, load_data, read_query, run_query  # noqa: E402
    from readme_section import update_section  # noqa: E402
except ImportError as e:
    sys.exit(f"update_query_docs.py: {e.name or e} is not installed for {sys.executable}; run it with the project's "
             f"virtualenv: .venv/bin/python scripts/update_query_docs.py ('make demo' creates .venv)")

START, END = "<!-- queries:start -->", "<!-- queries:end -->"
CORPUS = "examples/corpus.ttl"


def _first_comment(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").rstrip())
    return " ".join(lines)


def queries_section() -> str:
    store = load_data(ROOT / CORPUS)
    parts = [START]
    for path in sorted((ROOT / "examples" / "queries").glob("*.rq")):
        rel = path.relative_to(ROOT).as_posix()
        text = read_query(str(path))
        table = format_table(run_query(store, text)).rstrip()
        parts.append(f"\n`{rel}`: {_first_comment(text)}\n\n```\n$ kg query {rel} --data {CORPUS}\n{table}\n```\n")
    parts.append(END)
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    if "-h" in argv or "--help" in argv:
        print(__doc__.strip())
        return 0
    return update_section(START, END, queries_section, argv, "example query outputs", "update_query_docs.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

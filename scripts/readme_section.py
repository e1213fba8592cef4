"""Rewrite one generated section of README.md, between two marker comments, or check that it is current.

The update scripts (``update_quality.py``, ``update_query_docs.py``) build the section's text; this module
does the README editing they share.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

README = Path(__file__).resolve().parent.parent / "README.md"


def update_section(start: str, end: str, build: Callable[[], str], argv: list[str], what: str, script: str) -> int:
    """Replace the README's text from ``start`` to ``end`` with ``build()``; with ``--check`` in ``argv``,
    only compare and return 1 when the README is out of date. ``build()`` returns the section with its
    markers."""
    text = README.read_text(encoding="utf-8")
    if start not in text or end not in text:
        print(f"README.md has no {start} … {end} section", file=sys.stderr)
        return 2
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    new = head + build() + tail
    if "--check" in argv:
        if new != text:
            print(f"README.md {what} are out of date: run .venv/bin/python scripts/{script}")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    print(f"wrote {README} ({what})")
    return 0

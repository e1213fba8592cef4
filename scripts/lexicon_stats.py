#!/usr/bin/env python3
"""Regenerate the README's "Language data" tables: lexicon sizes per language and per CAMEO root.

    .venv/bin/python scripts/lexicon_stats.py           # rewrite the section in README.md
    .venv/bin/python scripts/lexicon_stats.py --check   # exit 1 if README.md is out of date
    .venv/bin/python scripts/lexicon_stats.py --print   # print the section

The numbers are those of the language data as kg reads it (``kg.lexicon``: the curated
``cameo_overrides`` applied, the curated agent nouns added), so the README shows what the rules consult.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Mapping

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

try:  # kg's dependencies: in the project's virtualenv, not in the system Python
    from build_french_lexicon import CAMEO_CODES  # noqa: E402
    from kg.extract.constructions import load_constructions  # noqa: E402
    from kg.lexicon import Lexicon, RelationRules, languages, load_lexicon, load_relation_rules, read_json  # noqa: E402
    from readme_section import update_section  # noqa: E402
except ImportError as e:
    sys.exit(f"lexicon_stats.py: {e.name or e} is not installed for {sys.executable}; run it with the project's "
             f"virtualenv: .venv/bin/python scripts/lexicon_stats.py ('make demo' creates .venv)")

START, END = "<!-- lexicon:start -->", "<!-- lexicon:end -->"
CAMEO_ROOTS = tuple(f"{i:02d}" for i in range(1, 21))
ROOT_COLUMNS = ("verbs", "patterns", "event nouns")
TOP_AGENT_CODES = 5


@dataclass(frozen=True)
class LanguageCounts:
    """The sizes of one language's data."""

    verb_entries: int
    verb_lemmas: int
    verbs_alone: int
    synsets: int
    patterns: int
    blocking_patterns: int
    noun_synsets: int
    cameo_event_nouns: int
    curated_event_nouns: int
    event_nouns: int  # those kg reads: the curated ones and the CAMEO ones whose code has a relation
    frames: int
    reporting_verbs: int
    agents: int
    agent_codes: Counter  # first three letters of the code -> agent nouns
    roles: int  # offices with a form in this language
    role_forms: int
    constructions: int
    profile: Mapping[str, int]  # word list -> its size
    by_root: Mapping[str, Counter]  # CAMEO root -> ROOT_COLUMNS -> count


def profile_sizes(lex: Lexicon) -> dict[str, int]:
    """The size of each word list of the language's profile (prepositions: distinct words, all functions)."""
    sizes = {}
    for f in fields(lex.profile):
        if f.name == "lang":
            continue
        value = getattr(lex.profile, f.name)
        if f.name == "prepositions":
            value = frozenset().union(*value.values())
        sizes[f.name.replace("_", " ")] = len(value)
    return sizes


def event_noun_codes(lex: Lexicon) -> dict[str, str]:
    """Event noun -> its CAMEO code: the CAMEO lexicon's, or the curated one when it gives one."""
    return {**lex.cameo.event_nouns, **lex.event_noun_cameo}


def root_counts(lex: Lexicon) -> dict[str, Counter]:
    """Per CAMEO root: the CAMEO verb entries, patterns and event nouns with a code under it."""
    codes = {
        "verbs": [v.code for entries in lex.cameo.verbs.values() for v in entries],
        "patterns": [p.code for _, patterns in lex.cameo.synsets.values() for p in patterns],
        "event nouns": list(event_noun_codes(lex).values()),
    }
    out = {root: Counter() for root in CAMEO_ROOTS}
    for column, values in codes.items():
        for code in values:
            if code and code[:2] in out:
                out[code[:2]][column] += 1
    return out


def count_language(lex: Lexicon, curated_event_nouns: int, constructions: int) -> LanguageCounts:
    """The sizes of one language's data, from its lexicon and the two counts the lexicon does not keep
    apart (the curated event nouns, the constructions)."""
    entries = [v for vs in lex.cameo.verbs.values() for v in vs]
    patterns = [p for _, ps in lex.cameo.synsets.values() for p in ps]
    agents = {a for by_head in lex.agents.by_head.values() for a in by_head}
    return LanguageCounts(
        verb_entries=len(entries),
        verb_lemmas=len(lex.cameo.verbs),
        verbs_alone=sum(v.codes_alone or v.lemma in lex.cameo_synonyms_alone for v in entries),
        synsets=len(lex.cameo.synsets),
        patterns=len(patterns),
        blocking_patterns=sum(p.code is None for p in patterns),
        noun_synsets=len(lex.cameo.nouns),
        cameo_event_nouns=len(lex.cameo.event_nouns),
        curated_event_nouns=curated_event_nouns,
        event_nouns=len(lex.event_nouns),
        frames=len(lex.verbs),
        reporting_verbs=len(lex.reporting),
        agents=len(agents),
        agent_codes=Counter(a.code[:3] for a in agents),
        roles=sum(1 for r in lex.roles if r.forms),
        role_forms=sum(len(r.forms) for r in lex.roles),
        constructions=constructions,
        profile=profile_sizes(lex),
        by_root=root_counts(lex),
    )


def root_relations(rules: RelationRules) -> dict[str, str]:
    """Per CAMEO root: the kg relation it maps to ("none" when it maps to none), then the finer codes
    under it that map to another relation."""
    out = {}
    for root in CAMEO_ROOTS:
        relation = rules.relation_for(root)
        finer = [f"{code} {rules.cameo[code] or 'none'}" for code in sorted(rules.cameo)
                 if code.startswith(root) and code != root and rules.cameo[code] != relation]
        out[root] = (relation or "**none**") + (f" ({', '.join(finer)})" if finer else "")
    return out


def _table(header: list[str], rows: list[list[str]], align: list[str]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"] + ["| " + " | ".join(r) + " |" for r in rows]


def _top_codes(codes: Counter) -> str:
    ranked = sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_AGENT_CODES]
    return ", ".join(f"{code} {n}" for code, n in ranked)


#: the rows of the language table: label -> the cell of one language
LANGUAGE_ROWS = (
    ("CAMEO verb entries (distinct lemmas)", lambda c: f"{c.verb_entries} ({c.verb_lemmas})"),
    ("… whose code holds alone (`codes_alone`, or listed in `cameo_synonyms_alone`)", lambda c: str(c.verbs_alone)),
    ("verb synsets", lambda c: str(c.synsets)),
    ("phrase patterns (of which blocking: no code)", lambda c: f"{c.patterns} ({c.blocking_patterns})"),
    ("noun synsets", lambda c: str(c.noun_synsets)),
    ("event nouns: CAMEO / curated / read by kg", lambda c: f"{c.cameo_event_nouns} / {c.curated_event_nouns} / "
                                                           f"{c.event_nouns}"),
    ("curated verb frames", lambda c: str(c.frames)),
    ("reporting verbs", lambda c: str(c.reporting_verbs)),
    ("agent nouns", lambda c: str(c.agents)),
    (f"… top {TOP_AGENT_CODES} agent codes (first three letters)", lambda c: _top_codes(c.agent_codes)),
    ("offices with forms (forms)", lambda c: f"{c.roles} ({c.role_forms})"),
    ("noun-phrase constructions", lambda c: str(c.constructions)),
)


def render(counts: Mapping[str, LanguageCounts], relations: Mapping[str, str]) -> str:
    """The section's markdown: the sizes per language, the profile's word lists, the counts per CAMEO root."""
    langs = list(counts)
    lines = _table(["", *(f"`{lg}`" for lg in langs)],
                   [[label, *(cell(counts[lg]) for lg in langs)] for label, cell in LANGUAGE_ROWS],
                   ["---", *("---:" for _ in langs)])
    lines.append("")
    lists = list(dict.fromkeys(name for lg in langs for name in counts[lg].profile))
    lines += _table(["profile word list", *(f"`{lg}`" for lg in langs)],
                    [[name, *(str(counts[lg].profile.get(name, 0)) for lg in langs)] for name in lists],
                    ["---", *("---:" for _ in langs)])
    lines.append("")
    header = ["root", "CAMEO category", "kg relation"] + [f"`{lg}` {col}" for lg in langs for col in ROOT_COLUMNS]
    rows = [[root, CAMEO_CODES[root], relations[root]]
            + [str(counts[lg].by_root[root][col]) for lg in langs for col in ROOT_COLUMNS] for root in CAMEO_ROOTS]
    rows.append(["", "**all roots**", ""]
                + [str(sum(counts[lg].by_root[r][col] for r in CAMEO_ROOTS)) for lg in langs for col in ROOT_COLUMNS])
    lines += _table(header, rows, ["---", "---", "---", *("---:" for _ in langs for _ in ROOT_COLUMNS)])
    return "\n".join(lines)


def read_counts(lang: str) -> LanguageCounts:
    """The sizes of one language's data, read from ``ontologies/lexicon/{lang}/``."""
    curated = read_json(Path("lexicon") / lang / "lexicon.json")["event_nouns"]["entries"]
    constructions, _ = load_constructions(lang)
    return count_language(load_lexicon(lang), len(curated), len(constructions))


def lexicon_section() -> str:
    counts = {lang: read_counts(lang) for lang in languages()}
    return f"{START}\n{render(counts, root_relations(load_relation_rules()))}\n{END}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if README.md is out of date")
    mode.add_argument("--print", action="store_true", help="print the section instead of writing it")
    args = parser.parse_args(argv)
    if args.print:
        print(lexicon_section())
        return 0
    return update_section(START, END, lexicon_section, ["--check"] if args.check else [], "lexicon sizes",
                          "lexicon_stats.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Build kg's English CAMEO lexicons from the PETRARCH-2 dictionaries.

Reads the verb dictionary ``CAMEO.2.0.txt`` and the agent dictionary ``Phoenix.agents.txt`` of
PETRARCH-2 (github.com/openeventdata/petrarch2, ``petrarch2/data/dictionaries/``, commit 676801c, MIT
licence) and writes, in the formats of ``ontologies/lexicon/README.md``:

``ontologies/lexicon/en/cameo.json``
    the noun synsets, every verb with its block (synset) and code, and every verb block's phrase
    patterns, parsed into subject / particle / object / prepositional phrases / target;
``ontologies/lexicon/en/agents.json``
    the agent nouns (police, rebel, minister of defence ...) with their CAMEO agent code, head word,
    and whether one instance is a person;
``ontologies/lexicon/LICENSE-petrarch2.txt``
    the upstream licence, copied.

Pattern lines that cannot be read (unbalanced brackets, a malformed code, an undefined noun synset ...)
are left out and reported with their file and line number. Running the script twice gives byte-identical
files. Usage::

    .venv/bin/python scripts/build_cameo_lexicon.py                # rewrite the three files
    .venv/bin/python scripts/build_cameo_lexicon.py --source DIR   # read the dictionaries from DIR
    .venv/bin/python scripts/build_cameo_lexicon.py --out DIR      # write the lexicon folder's files under DIR
    .venv/bin/python scripts/build_cameo_lexicon.py --check        # exit 1 if the files on disk are out of date
    .venv/bin/python scripts/build_cameo_lexicon.py --verbose      # list every line left out or repaired
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "lexicons" / "petrarch2"
LEXICON_DIR = REPO / "ontologies" / "lexicon"

VERB_FILE = "CAMEO.2.0.txt"
AGENT_FILE = "Phoenix.agents.txt"
LICENCE_FILE = "LICENSE"
UPSTREAM = "github.com/openeventdata/petrarch2"
UPSTREAM_DIR = "petrarch2/data/dictionaries"
UPSTREAM_COMMIT = "676801c"
LICENCE_NOTE = ("MIT licence: _licence is the notice of the source file, LICENSE-petrarch2.txt beside "
                "en/ the repository's.")

#: bare words right after the verb that are its particle ("set OFF", "put FORWARD"), not its object
PARTICLES = frozenset({"off", "up", "out", "down", "forward", "aside", "back", "away", "in", "on", "over",
                       "together"})
#: particles that can also close the object ("kick the minister OUT"); "in", "on" and "over" there are
#: prepositions ("debate ON")
TRAILING_PARTICLES = PARTICLES - {"in", "on", "over"}
#: bare words that open a prepositional phrase in TABARI-style patterns written without parentheses
#: ("- * ATTACK ON +", "- * FROM $ TO +")
PREPOSITIONS = frozenset({"about", "across", "after", "against", "along", "amid", "among", "around", "as",
                          "at", "before", "behind", "between", "beyond", "by", "during", "for", "from", "in",
                          "inside", "into", "near", "of", "on", "onto", "over", "through", "to", "toward",
                          "towards", "under", "until", "upon", "with", "within", "without"})
#: pattern markers and the optional pattern field that records where they stand
MARKERS = {"+": "target", "$": "source", "^": "skip", "%": "compound"}

#: prepositions an agent phrase may end on upstream ("EMBASSY_IN", "AMBASSADOR_TO"), left out of kg's phrase
OPEN_PREPOSITIONS = frozenset({"in", "of", "for", "to", "at", "from", "on", "with", "by"})
#: words after which an agent phrase's complement starts, so that its head is the word before
#: ("ministry OF defence", "minister FOR youth", "editor IN chief", "ambassador TO", "minister DE obras")
HEAD_PREPOSITIONS = frozenset({"of", "for", "in", "on", "at", "to", "with", "along", "de"})
#: endings of agent nouns that name one person (farmer, governor, activist, guardian, militant, resident,
#: congressman, firemen, chairperson, policewoman); "-ment" names a body although it ends in "-ent"
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "men", "person", "woman", "women")
BODY_SUFFIXES = ("ment",)
#: head words (singular) the endings get wrong: persons without a person ending (collective nouns whose
#: members are counted as people in the news, "50 troops / personnel / staff were killed", included) ...
PERSON_HEADS = frozenset("""
    abbot academic adm. admiral advocate agent aide ally anglican archbishop archimandrite
    archpriest athlete attorney attorney-general autocrat bandit bishop boss brig. brigand
    bureaucrat burglar candidate capt. captain cardinal ceo charge chief child children citizen
    cleric cmdr. col. colonel commando constable consul convict corporal counsel counsellor-at-law
    criminal crook culprit cutpurse cyberdissident dean delegate deputy despot detainee detective
    diplomat doc educatee emeritus emissary employee empress ens. ensign enterpreneur entrepreneur
    envoy executive exile expatriate expert extraordinary federale felon foster-nurse gaolbird gen.
    general generalissimo girl guard guerilla guerrilla hasid hasidim head hebrew hierarch hindu
    hostage imam intellectual jailbird jew judge king kingpin lady landlord legate lord lt. mafioso
    magistrate maj. marine marshal medic medico mercenary midwife missionary monarch monk moslem mp
    mule mullah muslim nanny native neurosurgeon nun nurse nursemaid offcial offical official
    operative outlaw paedophile paratroop pedophile people personnel pickpocket pilgrim pilot pirate
    plenipotentiary pm pope potentate prelate priest prince princess professional pupil queen rabbi
    radical reactionary rebel recruit refugee repatriate representative retired returnee sadhu saint
    salafi scholar secretary sheikh sheriff sovereign spy staff stipendiary sunni surgeon thief
    townspeople troop turncoat tycoon undersecretary veteran victim vip wahhabi waitress warden
    youth
""".split())
#: ... and bodies or things with one (companies, ships, aircraft, places).
BODY_HEADS = frozenset("""
    airliner automaker border carmaker carrier center centre chamber computer contractor cruiser
    destroyer employer exporter freighter headquarter helicopter jetfighter jetliner labor maker
    manufacturer newspaper oiler order paper producer quarter regulator sector steelmaker
    supertanker tanker tower transmitter
""".split())
#: whole phrases whose head word misleads either way
PERSON_PHRASES = {
    **dict.fromkeys(["coup maker", "jail bird", "lieutenant jg", "lieutenant junior grade", "lt. jg",
                     "suicide bomber"], True),
    **dict.fromkeys(["bomber", "fighter bomber", "fighter bombers", "jet fighter", "joint strike fighter",
                     "nighthawk stealth fighter", "stealth bomber", "stealth fighter", "tomcat fighter",
                     "unmanned predator"], False),
}
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")


class DictionaryError(ValueError):
    """A dictionary line kg cannot read; the message names the file, the line and what was wrong."""


@dataclass(frozen=True)
class Problem:
    """A source line left out (``skipped``) or read with a repair (``repaired``), for the report."""

    file: str
    line: int
    action: str
    reason: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.action}: {self.reason}: {self.text}"


# --- common ---------------------------------------------------------------------------------------------

def strip_comment(line: str) -> str:
    """The line without its comment: ``#`` starts one, and so does ``;`` (TABARI's comment mark, still
    used on two verb lines: ``SCRAP {...};shan 8/30/93``)."""
    return re.split(r"[#;]", line, maxsplit=1)[0].strip()


def phrase(text: str) -> str:
    """A dictionary phrase in kg's form: lowercase, ``_`` and blanks as single spaces (a trailing ``_``,
    PETRARCH's "no plural" mark, goes too)."""
    return " ".join(text.replace("_", " ").split()).lower()


def licence_notice(text: str, name: str) -> str:
    """The MIT notice in a dictionary's header comment, as that file words it (its own copyright line)."""
    lines = [re.sub(r"^#\s?", "", line).rstrip() for line in text.splitlines() if line.startswith("#")]
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "The MIT License (MIT)")
        end = next(i for i in range(start, len(lines)) if lines[i].endswith("DEALINGS IN THE SOFTWARE.")
                   or lines[i] == "THE SOFTWARE.")
    except StopIteration:
        raise DictionaryError(f"{name}: no MIT licence notice ('The MIT License (MIT)' … 'THE SOFTWARE.') "
                              "in the header comment") from None
    return "\n".join(lines[start:end + 1]).strip() + "\n"


# --- CAMEO codes ----------------------------------------------------------------------------------------

def parse_code(text: str) -> tuple[str | None, str | None]:
    """The event code and reverse code of a ``[...]`` code, without the brackets.

    ``042`` -> ("042", None); ``---`` -> (None, None), the null code: no event; ``042:043`` ->
    ("042", "043"), a TABARI paired code: the reverse event goes from the target to the source ("A visits
    B" is also "B hosts A"); ``:173`` -> (None, "173"): only the reverse event ("A appears before a court"
    is "the court acts against A"), the forward direction codes nothing. Raises ``ValueError`` otherwise.

    >>> parse_code("042:043")
    ('042', '043')
    """
    def one(part: str) -> str | None:
        if part in ("", "---"):
            return None
        if not re.fullmatch(r"\d{3,4}", part):
            raise ValueError(f"malformed CAMEO code [{text}]: expected 3-4 digits, '---' or 'CODE:CODE'")
        return part

    forward, colon, reverse = text.strip().partition(":")
    code, reverse_code = one(forward), one(reverse) if colon else None
    if colon and forward == "---":
        raise ValueError(f"malformed CAMEO code [{text}]: '---' cannot be paired")
    if colon and code is None and reverse_code is None:
        raise ValueError(f"malformed CAMEO code [{text}]: empty paired code")
    return code, reverse_code


def _with_codes(entry: dict[str, Any], code: str | None, reverse_code: str | None) -> dict[str, Any]:
    entry["code"] = code
    if reverse_code is not None:
        entry["reverse_code"] = reverse_code
    return entry


# --- verbs ----------------------------------------------------------------------------------------------

_VERB_LINE = re.compile(r"(?P<word>[^\s{\[]+)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?")
_BLOCK_LINE = re.compile(r"---\s+(?P<name>\S+)\s+\[(?P<code>[^\]]*)\](?:\s*---)+")


def parse_block_header(line: str) -> tuple[str, str | None, str | None]:
    """Name, code and reverse code of a verb block header ``---  ACCUSE   [112]  ---``.

    >>> parse_block_header("---  VISIT   [042:043]  ---")
    ('visit', '042', '043')
    """
    match = _BLOCK_LINE.fullmatch(strip_comment(line))
    if not match:
        raise ValueError("malformed verb block header: expected '---  NAME  [CODE]  ---'")
    return (match["name"].lower(), *parse_code(match["code"]))


def split_verb(word: str) -> dict[str, str]:
    """The parts of a dictionary verb: ``+BEEF_UP`` -> lemma "beef", particle "up"; ``WIRE_+TAP`` ->
    prefix "wire", lemma "tap"; ``ACCUSE`` -> lemma "accuse". In a multi-word verb the word marked ``+`` is
    the verb; the words after it are its ``particle`` (kept whole: "up to", "in motion", "hold of"), the
    words before it its ``prefix``."""
    if "_" not in word:
        if "+" in word:
            raise ValueError(f"'+' in the one-word verb {word!r}")
        return {"lemma": word.lower()}
    words = word.split("_")
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    if len(marked) != 1 or any("+" in w[1:] for w in words):
        raise ValueError(f"multi-word verb {word!r} needs exactly one word marked '+'")
    i = marked[0]
    parts = {"lemma": words[i][1:].lower()}
    if words[i + 1:]:
        parts["particle"] = phrase(" ".join(words[i + 1:]))
    if words[:i]:
        parts["prefix"] = phrase(" ".join(words[:i]))
    return parts


def parse_verb(line: str) -> dict[str, Any]:
    """A verb line of a block: ``SPEED {SPEEDING SPEEDS SPED }``, ``ASK [020]``, ``+ASK_FOR {+ASKED_FOR
    +ASKING_FOR +ASKS_FOR} [020]``. Returns lemma, optional particle / prefix, optional ``forms`` (all the
    inflected forms of the verb word when they are listed; ``[]`` for ``{}``: a fixed form, not inflected),
    and ``code`` / ``reverse_code`` when the verb has its own code (else the keys are absent).

    >>> parse_verb("+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}")
    {'lemma': 'cordon', 'particle': 'off', 'forms': ['cordoned', 'cordons']}
    """
    match = _VERB_LINE.fullmatch(strip_comment(line))
    if not match:
        raise ValueError("malformed verb line: expected 'VERB {FORMS} [CODE]'")
    entry: dict[str, Any] = split_verb(match["word"])
    if match["forms"] is not None:
        entry["forms"] = []
        for form in match["forms"].replace(",", " ").split():
            parts = split_verb(form)
            if parts.keys() != entry.keys() - {"forms"} or any(parts[k] != entry[k] for k in parts
                                                              if k != "lemma"):
                raise ValueError(f"form {form!r} does not have the words of {match['word']!r}")
            if parts["lemma"] not in entry["forms"]:
                entry["forms"].append(parts["lemma"])
    if match["code"] is not None:
        _with_codes(entry, *parse_code(match["code"]))
    return entry


# --- patterns -------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[(){}]|[^\s(){}]+")


@dataclass
class _Group:
    """A bracketed group of a pattern: ``(`` a prepositional phrase, ``{`` a noun phrase."""

    kind: str
    items: list[str | _Group]


def _elements(text: str) -> list[str | _Group]:
    """Tokens of one side of a pattern, with ``(...)`` and ``{...}`` grouped (braces may sit inside
    parentheses; their words join the phrase)."""
    out: list[str | _Group] = []
    stack: list[_Group] = []
    for token in _TOKEN.findall(text):
        if token in "({":
            if stack and (token == "(" or stack[-1].kind == "{"):
                raise ValueError(f"'{token}' nested in '{stack[-1].kind}'")
            group = _Group(token, [])
            (stack[-1].items if stack else out).append(group)
            stack.append(group)
        elif token in ")}":
            if not stack or {"(": ")", "{": "}"}[stack[-1].kind] != token:
                raise ValueError(f"unbalanced '{token}'")
            stack.pop()
        else:
            (stack[-1].items if stack else out).append(token)
    if stack:
        raise ValueError(f"unclosed '{stack[-1].kind}'")
    return out


def _words(items: Iterable[str | _Group]) -> Iterator[str]:
    for item in items:
        if isinstance(item, _Group):
            yield from _words(item.items)
        else:
            yield item


def _noun(words: list[str], synsets: set[str]) -> str | None:
    """A noun phrase spec from pattern words: lowercase, ``_`` -> space, ``&NAME`` -> ``&name``."""
    for word in words:
        if word.startswith("&") and word[1:].rstrip("_").lower() not in synsets:
            raise ValueError(f"undefined noun synset {word} (PETRARCH-2 ignores such patterns too)")
    return " ".join(phrase(w) if not w.startswith("&") else "&" + w[1:].rstrip("_").lower()
                    for w in words) or None


class _Builder:
    """Collects the parts of one pattern while its elements are read left to right."""

    def __init__(self, synsets: set[str]):
        self.synsets = synsets
        self.marks: dict[str, list[str]] = {}
        self.pattern: dict[str, Any] = {"subject": None, "particle": None, "object": None, "preps": []}

    def mark(self, marker: str, position: str) -> None:
        self.marks.setdefault(MARKERS[marker], []).append(position)

    def phrase_of(self, items: list[str | _Group], position: str) -> str | None:
        """The noun phrase of ``items``, recording the markers among them at ``position``."""
        words = []
        for word in _words(items):
            if word in MARKERS:
                self.mark(word, position)
            else:
                words.append(word)
        return _noun(words, self.synsets)

    def prep(self, prep: str, items: list[str | _Group]) -> None:
        if prep in MARKERS or prep.startswith("&") or not re.fullmatch(r"[A-Za-z-]+", prep):
            raise ValueError(f"{prep!r} cannot be a preposition")
        prep = prep.lower()
        self.pattern["preps"].append({"prep": prep, "object": self.phrase_of(items, f"prep:{prep}")})

    def finish(self) -> dict[str, Any]:
        for field, positions in sorted(self.marks.items()):
            if field == "target":
                if len(positions) > 1:
                    raise ValueError("more than one target '+'")
                self.pattern["target"] = positions[0]
            elif field in ("source", "compound"):
                if len(positions) > 1:
                    raise ValueError(f"more than one {field} marker")
                self.pattern[field] = positions[0]
            else:
                self.pattern[field] = positions
        self.pattern.setdefault("target", None)
        return self.pattern


def _is_bare(element: str | _Group, words: frozenset[str]) -> bool:
    return isinstance(element, str) and element.lower() in words


def _read_subject(builder: _Builder, elements: list[str | _Group]) -> None:
    if any(isinstance(e, _Group) and e.kind == "(" for e in elements) or any(
            _is_bare(e, PREPOSITIONS) for e in elements[1:]):
        raise ValueError("prepositional phrase before the verb (kg's patterns constrain the subject's "
                         "noun phrase only)")
    builder.pattern["subject"] = builder.phrase_of(elements, "subject")


def _read_after_verb(builder: _Builder, elements: list[str | _Group]) -> None:
    """Read what follows ``*``: an optional leading particle, the object noun phrase (consecutive bare
    words, ``{...}`` phrases and ``&synsets``, read as one phrase, its last word the head, as TABARI
    reads consecutive words), prepositional phrases ``(PREP ...)`` or TABARI's unbracketed ``PREP ...``,
    and an optional particle closing the object (``MINISTER OUT``)."""
    rest = list(elements)
    if rest and _is_bare(rest[0], PARTICLES):
        builder.pattern["particle"] = rest.pop(0).lower()
    run: list[str | _Group] = []          # the object's words, or an unbracketed prep's words
    open_prep: str | None = None          # the unbracketed preposition being read
    object_done = False

    def close_run() -> None:
        nonlocal run, open_prep, object_done
        if open_prep is not None:
            builder.prep(open_prep, run)
        elif run:
            if (builder.pattern["particle"] is None and len(run) > 1
                    and _is_bare(run[-1], TRAILING_PARTICLES)):
                builder.pattern["particle"] = run.pop().lower()
            if object_done and any(not (isinstance(e, str) and e in MARKERS) for e in run):
                raise ValueError("two object noun phrases (brace a multi-word phrase: {A B})")
            noun = builder.phrase_of(run, "obj")
            if noun is not None:
                builder.pattern["object"] = noun
                object_done = True
        run, open_prep = [], None

    for element in rest:
        if isinstance(element, _Group) and element.kind == "(":
            close_run()
            if not element.items or isinstance(element.items[0], _Group):
                raise ValueError("a prepositional phrase must start with its preposition")
            builder.prep(element.items[0], element.items[1:])
        elif _is_bare(element, PREPOSITIONS):
            close_run()
            open_prep = element
        elif (isinstance(element, str) and element in MARKERS and not run and open_prep is None
              and builder.pattern["preps"] and builder.pattern["preps"][-1]["object"] is None):
            # TABARI's "(AGAINST) +": the marker is the object of the empty prepositional phrase before it
            builder.mark(element, f"prep:{builder.pattern['preps'][-1]['prep']}")
        else:
            run.append(element)
    close_run()


_ALTERNATIVES = re.compile(r"([^\s(){}/]+(?:/[^\s(){}/]+)+)")


def _alternatives(body: str) -> list[str]:
    """The pattern bodies a body with ``A/B`` alternatives stands for (``(TO/FOR PROTEST)`` is
    ``(TO PROTEST)`` and ``(FOR PROTEST)``): TABARI's syntax, not PETRARCH-2's."""
    pieces = _ALTERNATIVES.split(body)
    bodies = ["".join(c) for c in itertools.product(*(p.split("/") if i % 2 else [p]
                                                      for i, p in enumerate(pieces)))]
    if any("/" in b for b in bodies):
        raise ValueError("'/' outside a word")
    return bodies


def parse_pattern(line: str, synsets: set[str]) -> list[dict[str, Any]]:
    """The structured form(s) of a pattern line ``- SUBJECT * PARTICLE OBJECT (PREP ...) [CODE] # note``.

    ``synsets`` are the names of the defined noun synsets (lowercase, without ``&``). Returns one pattern,
    or one per combination of ``A/B`` alternatives. Each has ``subject``, ``particle``, ``object``,
    ``preps`` (``{"prep", "object"}``), ``target`` ("subject", "obj", "prep:P" where ``+`` stands, else
    None), ``code`` (and ``reverse_code`` for paired codes), ``text`` (the stripped line) and, when the
    markers occur, ``source`` (where ``$`` stands), ``skip`` (where ``^``, "any noun phrase", stands) and
    ``compound`` (where ``%`` stands). Raises ``ValueError`` for a line that cannot be read.

    >>> p = parse_pattern("- * (TO {BANNED PARTIES}) $  [1722]  # ADD", set())[0]
    >>> p["preps"], p["source"], p["code"]
    ([{'prep': 'to', 'object': 'banned parties'}], 'obj', '1722')
    """
    text = line.strip()
    body = strip_comment(text)
    if not body.startswith("-"):
        raise ValueError("a pattern starts with '-'")
    match = re.search(r"\[([^\]\[]*)\]$", body)
    if not match:
        raise ValueError("no [CODE] at the end of the pattern")
    code, reverse_code = parse_code(match[1])
    body = body[1:match.start()]
    if re.search(r"[\[\]]", body):
        raise ValueError("stray '[' or ']' before the code")
    if body.count("*") != 1:
        raise ValueError(f"a pattern has exactly one '*' for the verb, found {body.count('*')}")
    patterns = []
    for alternative in _alternatives(body):
        before, after = alternative.split("*")
        builder = _Builder(synsets)
        _read_subject(builder, _elements(before))
        _read_after_verb(builder, _elements(after))
        pattern = builder.finish()
        pattern["text"] = text
        patterns.append(_with_codes(pattern, code, reverse_code))
    return patterns


# --- the verb dictionary --------------------------------------------------------------------------------

@dataclass
class VerbDictionary:
    """What ``parse_verb_dictionary`` read: the lexicon parts, the problems, and counts for the report."""

    nouns: dict[str, list[str]]
    verbs: list[dict[str, Any]]
    synsets: dict[str, dict[str, Any]]
    problems: list[Problem]
    pattern_lines: int
    patterns_skipped: int
    duplicate_patterns: int
    transformations: int


def parse_verb_dictionary(text: str, name: str = VERB_FILE) -> VerbDictionary:
    """Read a PETRARCH-2 verb dictionary: noun synsets (``&NAME`` then ``+WORD`` lines), verb blocks
    (``--- NAME [CODE] ---`` then verb lines and ``-`` pattern lines). Verb transformations (``~`` lines)
    are counted, not read: kg combines verbs its own way.

    A pattern or verb line that cannot be read is left out with a ``Problem``; a malformed block header or
    noun synset line, or a line out of place, raises ``DictionaryError`` naming the file and line. Patterns
    identical to an earlier one of the same block (same text too) are kept once; a verb listed twice in
    one block is one entry (``merge_verb``).
    """
    nouns: dict[str, list[str]] = {}
    verbs: list[dict[str, Any]] = []
    synsets: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    block: str | None = None
    noun_set: str | None = None
    block_verbs: dict[tuple[str, Any, Any], dict[str, Any]] = {}
    pattern_lines = patterns_skipped = duplicates = transformations = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not strip_comment(line):
            continue
        try:
            if line.startswith("---"):
                if block is not None:
                    verbs += _block_entries(block, synsets[block], block_verbs)
                block_verbs = {}
                block, code, reverse_code = parse_block_header(line)
                if block in synsets:
                    raise ValueError(f"second verb block named {block!r}")
                synsets[block] = _with_codes({"patterns": []}, code, reverse_code)
                noun_set = None
            elif line.startswith("-"):
                pattern_lines += 1
                if block is None:
                    raise ValueError("pattern before the first verb block")
                try:
                    for pattern in parse_pattern(line, set(nouns)):
                        if pattern in synsets[block]["patterns"]:
                            duplicates += 1
                        else:
                            synsets[block]["patterns"].append(pattern)
                except ValueError as err:
                    patterns_skipped += 1
                    problems.append(Problem(name, number, "skipped", str(err), line))
            elif line.startswith("&"):
                if block is not None:
                    raise ValueError("noun synset after the first verb block")
                noun_set = phrase(strip_comment(line)[1:]).replace(" ", "_")
                if not re.fullmatch(r"[a-z0-9_-]+", noun_set) or noun_set in nouns:
                    raise ValueError(f"bad or repeated noun synset name {noun_set!r}")
                nouns[noun_set] = []
            elif line.startswith("~"):
                transformations += 1
            elif noun_set is not None:
                if not line.startswith("+"):
                    raise ValueError(f"noun synset &{noun_set.upper()} line does not start with '+'")
                word = phrase(strip_comment(line)[1:])
                if not word or re.search(r"[+$%^&*(){}\[\]]", word):
                    raise ValueError("a noun synset phrase holds words only")
                if word not in nouns[noun_set]:
                    nouns[noun_set].append(word)
            elif block is None:
                raise ValueError("verb line before the first verb block")
            else:
                try:
                    merge_verb(block_verbs, parse_verb(line))
                except ValueError as err:
                    problems.append(Problem(name, number, "skipped", str(err), line))
        except ValueError as err:
            raise DictionaryError(f"{name}, line {number}: {err}: {line!r}") from None
    if block is not None:
        verbs += _block_entries(block, synsets[block], block_verbs)
    return VerbDictionary(nouns, verbs, synsets, problems, pattern_lines, patterns_skipped, duplicates,
                          transformations)


def merge_verb(block_verbs: dict[tuple[str, Any, Any], dict[str, Any]], verb: dict[str, Any]) -> None:
    """Add a verb line's entry to those of its block; a verb listed twice (``GREET`` and ``GREET [050]``)
    stays one entry, with the forms of both and the code one of them gives."""
    key = (verb["lemma"], verb.get("particle"), verb.get("prefix"))
    seen = block_verbs.setdefault(key, verb)
    if seen is verb:
        return
    if "code" in verb:
        codes = [(v.get("code"), v.get("reverse_code")) for v in (seen, verb)]
        if "code" in seen and codes[0] != codes[1]:
            raise ValueError("verb listed twice in its block with two codes")
        _with_codes(seen, verb["code"], verb.get("reverse_code"))
    if "forms" in verb:
        seen["forms"] = seen.get("forms", []) + [f for f in verb["forms"] if f not in seen.get("forms", [])]


def _block_entries(block: str, header: dict[str, Any], block_verbs: dict[Any, dict[str, Any]]
                   ) -> list[dict[str, Any]]:
    """A block's verb entries, each with its synset and its code (its own, else the block's; a code
    taken from the block is marked ``"code_from": "block"``)."""
    for verb in block_verbs.values():
        if "code" not in verb:
            _with_codes(verb, header["code"], header.get("reverse_code"))
            if header["code"] is not None:
                verb["code_from"] = "block"
        verb["synset"] = block
    return list(block_verbs.values())


# --- agents ---------------------------------------------------------------------------------------------

_SUBSTITUTION = re.compile(r"(?P<marker>![A-Z]+!)\s*=\s*(?P<items>.+)")
_AGENT_LINE = re.compile(r"(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]")
_AGENT_CODE = re.compile(r"(?P<before>~?)(?P<code>(?:[A-Z]{3})+)(?P<after>~?)")


def is_plural_of(plural: str, word: str) -> bool:
    """Whether ``plural`` is the plural of ``word`` (regular, or man -> men), to pair the items of a
    substitution set (``MINISTER, MINISTERS``)."""
    regular = {word + "S", word + "ES"}
    if word.endswith("Y"):
        regular.add(word[:-1] + "IES")
    if word.endswith("MAN"):
        regular.add(word[:-3] + "MEN")
    return plural in regular


def pair_forms(items: list[str]) -> list[tuple[str, str | None]]:
    """Singular and plural pairs of a substitution set, in order: an item followed by its plural makes a
    pair, an item without one stands alone (``PERSON``: no plural is generated, as upstream).

    >>> pair_forms(["MAN", "MEN", "PERSON"])
    [('MAN', 'MEN'), ('PERSON', None)]
    """
    pairs: list[tuple[str, str | None]] = []
    for item in items:
        if pairs and pairs[-1][1] is None and is_plural_of(item, pairs[-1][0]):
            pairs[-1] = (pairs[-1][0], item)
        else:
            pairs.append((item, None))
    return pairs


def agent_head(words: list[str], marked: int | None = None) -> str:
    """The head word of an agent phrase: the word a substitution marker stood in (``marked``: "minister"
    in "progress of border areas affairs minister"), else the word before its first complement ("ministry
    of defence" -> "ministry", "editor in chief" -> "editor", "charge d'affaires" -> "charge"), else its
    last word not in parentheses; without a trailing comma."""
    if marked is not None:
        return words[marked]
    for i, word in enumerate(words[1:], 1):
        if word in HEAD_PREPOSITIONS or (word.startswith("d'") and i == len(words) - 1):
            return words[i - 1].rstrip(",")
    return next(w for w in reversed(words) if not w.startswith("(")).rstrip(",")


def singular(word: str) -> str:
    """A regular English singular of ``word`` (reactionaries -> reactionary, troops -> troop)."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def is_person(head: str, words: list[str]) -> bool:
    """Whether one instance of the agent is a person (a rebel, a minister) rather than a body (the police, a
    ministry) or a thing. A phrase with a model number (F-16, MQ-9 REAPER) is equipment; then
    ``PERSON_PHRASES``, then the head (or its singular) in ``PERSON_HEADS`` or ``BODY_HEADS``, then its
    ending: ``PERSON_SUFFIXES`` but not ``BODY_SUFFIXES``."""
    if any(re.search(r"\d", w) and not _ORDINAL.match(w) for w in words):
        return False
    if " ".join(words) in PERSON_PHRASES:
        return PERSON_PHRASES[" ".join(words)]
    forms = (head, singular(head))
    if any(f in PERSON_HEADS for f in forms):
        return True
    if any(f in BODY_HEADS for f in forms):
        return False
    return any(f.endswith(PERSON_SUFFIXES) and not f.endswith(BODY_SUFFIXES) for f in forms)


def agent_entry(text: str, code: str, plural: str | None, regular: bool, marked: int | None = None
                ) -> dict[str, Any]:
    """One agents.json entry for the phrase ``text``: with ``regular`` its plural is regular (no
    ``plural`` key), else ``plural`` is its plural or None when it has none; ``marked`` is the index of
    the word a substitution marker stood in."""
    words = phrase(text).split()
    while len(words) > 1 and words[-1] in OPEN_PREPOSITIONS:
        words.pop()  # "EMBASSY_IN", "AMBASSADOR_TO": the complement is the text's, not the name's
    head = agent_head(words, marked)
    entry: dict[str, Any] = {"phrase": " ".join(words), "head": head, "code": code,
                             "person": is_person(head, words), "en": " ".join(words)}
    if not regular:
        entry["plural"] = phrase(plural) if plural else None
    return entry


Substitutions = dict[str, list[tuple[str, str | None]]]


def parse_agent_line(line: str, substitutions: Substitutions) -> list[dict[str, Any]]:
    """The entries of one agent line ``PHRASE {PLURAL} [CODE]``, substitution markers expanded.

    ``{X}`` gives the plural "x", ``{}`` says there is none (``"plural": null``: invariant or only
    plural), no braces means a regular plural (no ``plural`` key). ``[~COP]`` is code "COP"; ``[NGO~]`` is
    code "NGO" with ``"code_first": true`` (PETRARCH puts that code before the actor's code, not after). A
    substitution marker (``CONGRESS!PERSON!``) gives one entry per singular of its set with the paired
    plural, or none (upstream forms no other plural); a marker inside a word (``AD!MINIST!RATION``) is an
    upstream search-and-replace slip and is read as its letters. Raises ``ValueError`` for a line that
    cannot be read.

    >>> [(e["phrase"], e["plural"]) for e in parse_agent_line("FOREIGN_!MINIST! [~GOV]",
    ...     {"!MINIST!": [("MINISTER", "MINISTERS")]})]
    [('foreign minister', 'foreign ministers')]
    """
    match = _AGENT_LINE.fullmatch(strip_comment(line))
    if not match:
        raise ValueError("malformed agent line: expected 'PHRASE {PLURAL} [~CODE]'")
    code = _AGENT_CODE.fullmatch(match["code"].strip())
    if not code or bool(code["before"]) == bool(code["after"]):
        raise ValueError(f"malformed agent code [{match['code']}]: expected ~CODE or CODE~, CODE three "
                         "capital letters or several")
    text = re.sub(r"(?<=[A-Z])!([A-Z]+)!(?=[A-Z])", r"\1", match["phrase"])
    markers = re.findall(r"![A-Z]+!", text)
    if len(markers) > 1:
        raise ValueError(f"more than one substitution marker: {', '.join(markers)}")
    if markers and markers[0] not in substitutions:
        raise ValueError(f"undefined substitution marker {markers[0]}")
    if markers and match["plural"]:
        raise ValueError("an explicit plural with a substitution marker")
    braces = match["plural"] is not None
    if markers:
        marked = next(i for i, w in enumerate(phrase(text).split()) if markers[0].lower() in w)
        entries = [agent_entry(text.replace(markers[0], one), code["code"],
                               None if braces or many is None else text.replace(markers[0], many),
                               False, marked)
                   for one, many in substitutions[markers[0]]]
    else:
        entries = [agent_entry(text, code["code"], match["plural"], not braces)]
    if code["after"]:
        for entry in entries:
            entry["code_first"] = True
    return entries


def parse_agent_dictionary(text: str, name: str = AGENT_FILE) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Read a PETRARCH-2 agent dictionary: substitution sets ``!NAME! = A, B`` then lines ``PHRASE {PLURAL}
    [CODE]``. Lines that cannot be read are left out with a ``Problem``.
    Entries come in file order, a phrase repeated with the same code kept once."""
    agents: list[dict[str, Any]] = []
    problems: list[Problem] = []
    substitutions: Substitutions = {}
    seen: set[tuple[str, str]] = set()
    for number, raw in enumerate(text.splitlines(), 1):
        line = strip_comment(raw)
        if not line:
            continue
        if not line.isascii():
            problems.append(Problem(name, number, "skipped", "characters outside ASCII in a 'flat ASCII' "
                                    "file (mojibake)", line))
            continue
        if match := _SUBSTITUTION.fullmatch(line):
            substitutions[match["marker"]] = pair_forms([i.strip() for i in match["items"].split(",")])
            continue
        try:
            entries = parse_agent_line(line, substitutions)
        except ValueError as err:
            problems.append(Problem(name, number, "skipped", str(err), raw.strip()))
            continue
        if re.search(r"(?<=[A-Z])![A-Z]+!(?=[A-Z])", line):
            problems.append(Problem(name, number, "repaired", "substitution marker inside a word read as "
                                    "its letters", line))
        for entry in entries:
            if (entry["phrase"], entry["code"]) not in seen:
                seen.add((entry["phrase"], entry["code"]))
                agents.append(entry)
    return agents, problems


# --- the output files -----------------------------------------------------------------------------------

def source_note(file: str) -> str:
    return f"{file} of {UPSTREAM} ({UPSTREAM_DIR}/), commit {UPSTREAM_COMMIT}"


def build_cameo(text: str) -> tuple[dict[str, Any], VerbDictionary]:
    """cameo.json's content from the text of CAMEO.2.0.txt, and what was read (for the report)."""
    read = parse_verb_dictionary(text)
    document = {
        "_comment": "Generated by scripts/build_cameo_lexicon.py from the PETRARCH-2 verb dictionary: do not "
                    f"edit, regenerate. Format: ontologies/lexicon/README.md. {LICENCE_NOTE}",
        "_source": source_note(VERB_FILE),
        "_licence": licence_notice(text, VERB_FILE),
        "lang": "en",
        "nouns": read.nouns,
        "verbs": read.verbs,
        "synsets": read.synsets,
        "event_nouns": [],
    }
    return document, read


def build_agents(text: str) -> tuple[dict[str, Any], list[Problem]]:
    """agents.json's content from the text of Phoenix.agents.txt, and the problems met."""
    agents, problems = parse_agent_dictionary(text)
    document = {
        "_comment": "Generated by scripts/build_cameo_lexicon.py from the PETRARCH-2 agent dictionary: do "
                    f"not edit, regenerate. Format: ontologies/lexicon/README.md. {LICENCE_NOTE}",
        "_source": source_note(AGENT_FILE),
        "_licence": licence_notice(text, AGENT_FILE),
        "lang": "en",
        "agents": agents,
    }
    return document, problems


def dump_json(obj: Any) -> str:
    """The canonical JSON form of the generated files: sorted keys, one-space indent, UTF-8, final newline."""
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def read_source(source: Path, name: str) -> str:
    path = source / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DictionaryError(f"{path} not found: pass --source DIR, the folder of the PETRARCH-2 "
                              "dictionaries") from None


@dataclass
class Generated:
    """The files to write (path relative to the lexicon folder -> text) and what the sources held."""

    files: dict[str, str]
    verbs: VerbDictionary
    agent_problems: list[Problem]


def generate(source: Path = DEFAULT_SOURCE) -> Generated:
    """Everything the script writes, from the dictionaries in ``source``."""
    cameo, verbs = build_cameo(read_source(source, VERB_FILE))
    agents, agent_problems = build_agents(read_source(source, AGENT_FILE))
    files = {"en/cameo.json": dump_json(cameo), "en/agents.json": dump_json(agents),
             "LICENSE-petrarch2.txt": read_source(source, LICENCE_FILE)}
    return Generated(files, verbs, agent_problems)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it, so readers never see half a
    file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes the file private; these are ordinary repository files
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


# --- the report -----------------------------------------------------------------------------------------

def _report_problems(problems: list[Problem], verbose: bool) -> list[str]:
    if not problems:
        return []
    shown = problems if verbose else problems[:8]
    lines = [f"  {len(problems)} lines left out or repaired:", *(f"    {p}" for p in shown)]
    if len(shown) < len(problems):
        lines.append(f"    … and {len(problems) - len(shown)} more (--verbose lists them)")
    return lines


def report(generated: Generated, verbose: bool = False) -> str:
    """What was read, with counts per CAMEO root category and agent code, and the lines left out or
    repaired."""
    read = generated.verbs
    patterns = [p for s in read.synsets.values() for p in s["patterns"]]
    agents = json.loads(generated.files["en/agents.json"])["agents"]
    read_lines = read.pattern_lines - read.patterns_skipped
    lines = [
        f"{VERB_FILE}: {len(read.synsets)} verb blocks, {len(read.verbs)} verbs, {len(read.nouns)} noun "
        f"synsets; {read.pattern_lines} pattern lines, {read_lines} read "
        f"({100 * read_lines / max(read.pattern_lines, 1):.1f}%), {read.patterns_skipped} left out; "
        f"{len(patterns)} patterns ({read.duplicate_patterns} repeats dropped, A/B alternatives expanded); "
        f"{read.transformations} verb transformations (~) not carried",
        *_report_problems(read.problems, verbose),
        "  CAMEO root: patterns / verbs coded in it",
        *(f"    {root}: {sum((p['code'] or '')[:2] == root for p in patterns)} / "
          f"{sum((v['code'] or '')[:2] == root for v in read.verbs)}"
          for root in (f"{r:02d}" for r in range(1, 21))),
        f"{AGENT_FILE}: {len(agents)} agents, {sum(a['person'] for a in agents)} persons",
        *_report_problems(generated.agent_problems, verbose),
        "  per code: " + ", ".join(f"{c} {n}" for c, n in Counter(a["code"] for a in agents).most_common()),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="folder of the PETRARCH-2 dictionaries (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=LEXICON_DIR,
                        help="the lexicon folder to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare with the files in --out, write nothing")
    parser.add_argument("--verbose", action="store_true", help="list every line left out or repaired")
    args = parser.parse_args(argv)
    try:
        generated = generate(args.source)
    except DictionaryError as err:
        print(f"build_cameo_lexicon: {err}", file=sys.stderr)
        return 2
    if args.check:
        stale = [name for name, text in generated.files.items()
                 if not (args.out / name).is_file() or (args.out / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{args.out / name} is out of date: run scripts/build_cameo_lexicon.py", file=sys.stderr)
        return 1 if stale else 0
    for name, text in generated.files.items():
        write_atomic(args.out / name, text)
        print(f"wrote {args.out / name}")
    print(report(generated, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())

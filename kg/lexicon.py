"""Language data, loaded once per language from ``ontologies/lexicon/`` (see the README there).

Per language (``ontologies/lexicon/{lang}/``):

- ``profile.json``: the grammar words (prepositions by function, determiners, complementisers,
  relative pronouns, auxiliaries, contractions, inflection repairs) -> :class:`Profile`;
- ``lexicon.json``: kg's curated predicates and cues (verb frames, event nouns, reporting verbs …);
- ``cameo.json``: the CAMEO event lexicon (verbs, verb synsets and their phrase patterns, noun synsets,
  event nouns) -> :class:`CameoLexicon`;
- ``agents.json``: agent nouns with their CAMEO agent codes -> :class:`AgentLexicon`.

Language-independent: ``relations.json`` (CAMEO codes -> kg relations, and the few rules that turn one
relation into another) -> :class:`RelationRules`, and ``ontologies/roles.json`` (offices).

Everything language-specific that the rules consult lives in these files; the rules themselves
(``kg/extract``) are written once for every language. Adding a verb, an event noun, a construction or
an agent noun is a data change; adding a language is a new folder.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import OntologyError
from .model import MUTUAL_RELATIONS, RELATIONS
from .resources import ontologies_dir

ONTOLOGY_DIR = ontologies_dir()
LEXICON_DIR = ONTOLOGY_DIR / "lexicon"


def read_json(name: str | Path, *, optional: bool = False) -> dict | None:
    """Read one JSON data file of ``ontologies/`` (a path relative to it), with an :class:`OntologyError`
    naming the problem; ``None`` for a missing ``optional`` file."""
    path = ONTOLOGY_DIR / name
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        if optional:
            return None
        raise OntologyError(f"data file {path} is missing; reinstall kg from its repository") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise OntologyError(f"data file {path} is not valid UTF-8 JSON: {e}") from None
    if not isinstance(data, dict):
        raise OntologyError(f"data file {path}: expected a JSON object, found {type(data).__name__}")
    return data


def languages() -> tuple[str, ...]:
    """The languages that have a profile under ``ontologies/lexicon/``."""
    return tuple(sorted(p.parent.name for p in LEXICON_DIR.glob("*/profile.json")))


# =====================================================================================================
# the profile: grammar words

#: the functions a preposition can have for the rules (see profile.json)
PREPOSITION_FUNCTIONS = ("of", "dative", "agent", "between", "theme", "origin", "topic", "target", "source",
                         "beneficiary", "name", "purpose", "concessive", "instigation", "circumstance", "state",
                         "cause", "adversative")


@dataclass(frozen=True)
class Profile:
    """The grammar words of one language, by function."""

    lang: str
    prepositions: Mapping[str, frozenset[str]]
    contractions: Mapping[str, str]
    complementisers: frozenset[str]
    coordinators: frozenset[str]
    possessive_markers: frozenset[str]
    relative_pronouns: frozenset[str]
    relative_adverbs: frozenset[str]
    auxiliaries: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    definite_determiners: frozenset[str]
    negation_particles: frozenset[str]
    negation_needs_particle: frozenset[str]
    lemma_repairs: tuple[tuple[str, str], ...]
    clitics: Mapping[str, frozenset[str]] = field(default_factory=dict)  # clitic -> its forms
    conditional_markers: frozenset[str] = frozenset()  # "si", "if": a hypothesis, not an event
    future_endings: tuple[str, ...] = ()  # a future tense the tagger gives must end so: "exclura", not "exclut"
    cleft_pronouns: frozenset[str] = frozenset()  # "c'est X qui", "it was X that": the focus acts
    focus_adverbs: frozenset[str] = frozenset()  # "particulièrement", "especially": a parenthetical
    inclusion_markers: frozenset[str] = frozenset()  # "including", "dont": the named members of a group
    quantity_idioms: frozenset[str] = frozenset()  # "up to": a bound on a number, no preposition
    age_units: frozenset[str] = frozenset()  # "a 17-year-old student", "un lycéen de 17 ans"
    age_adjectives: frozenset[str] = frozenset()  # "a man aged 40", "âgée de 40 ans"
    leading_participles: frozenset[str] = frozenset()  # "Saudi-led coalition": the collective stands for its leader
    copular_verbs: frozenset[str] = frozenset()  # "X is the chairman of Y": the title is X's office
    naming_verbs: frozenset[str] = frozenset()  # "X was elected president": the passive subject's office
    numbers_one: frozenset[str] = frozenset()  # "un", "one", "1": a noun counted by them is no group
    pressure_nouns: frozenset[str] = frozenset()  # "despite pressure from X": the party a refusal defies
    instigation_nouns: frozenset[str] = frozenset()  # "at the call of X": who organised a collective act
    relative_nouns: frozenset[str] = frozenset()  # "the widow of the president of X, Y": Y is the widow
    portfolio_nouns: frozenset[str] = frozenset()  # "ministre de l'Enseignement supérieur": a portfolio
    organisation_possessives: frozenset[str] = frozenset()  # "Airbus and its CEO X": Airbus's office

    def preps(self, *functions: str) -> frozenset[str]:
        """The prepositions that have one of these functions ("of", "dative", "agent" …)."""
        out: set[str] = set()
        for fn in functions:
            if fn not in self.prepositions:
                raise KeyError(f"no preposition function {fn!r}; known: {', '.join(PREPOSITION_FUNCTIONS)}")
            out |= self.prepositions[fn]
        return frozenset(out)

    def base_preposition(self, word: str) -> str:
        """A contracted preposition as its preposition ("au" -> "à"), any other word unchanged."""
        return self.contractions.get(word, word)


def _words(data: Mapping, key: str, where: str) -> frozenset[str]:
    value = data.get(key, [])
    if isinstance(value, dict):
        value = value.get("entries", [])
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise OntologyError(f"{where}: {key!r} must be a list of strings")
    return frozenset(w.lower() for w in value)


def _profile_from(data: Mapping, where: str) -> Profile:
    preps = data.get("prepositions", {})
    missing = [fn for fn in PREPOSITION_FUNCTIONS if fn not in preps]
    if missing:
        raise OntologyError(f"{where}: prepositions lack the functions {missing}; "
                            f"every profile names {', '.join(PREPOSITION_FUNCTIONS)}")
    negation = data.get("negation_particles", {})
    repairs = data.get("lemma_repairs", {}).get("rules", [])
    if not all(isinstance(r, list) and len(r) == 2 for r in repairs):
        raise OntologyError(f"{where}: lemma_repairs.rules must be a list of [ending, replacement] pairs")
    return Profile(
        lang=data["lang"],
        prepositions={fn: _words(preps, fn, where) for fn in PREPOSITION_FUNCTIONS},
        contractions={k: v for k, v in data.get("contractions", {}).items() if not k.startswith("_")},
        complementisers=_words(data, "complementisers", where),
        coordinators=_words(data, "coordinators", where),
        possessive_markers=_words(data, "possessive_markers", where),
        relative_pronouns=_words(data, "relative_pronouns", where),
        relative_adverbs=_words(data, "relative_adverbs", where),
        auxiliaries=_words(data, "auxiliaries", where),
        perfect_auxiliaries=_words(data, "perfect_auxiliaries", where),
        definite_determiners=_words(data, "definite_determiners", where),
        negation_particles=_words(negation, "particles", where),
        negation_needs_particle=_words(negation, "needs_particle", where),
        lemma_repairs=tuple((a, b) for a, b in repairs),
        clitics={k: frozenset(v) for k, v in data.get("clitics", {}).items() if not k.startswith("_")},
        conditional_markers=_words(data, "conditional_markers", where),
        future_endings=tuple(sorted(_words(data, "future_endings", where))),
        cleft_pronouns=_words(data, "cleft_pronouns", where),
        focus_adverbs=_words(data, "focus_adverbs", where),
        inclusion_markers=_words(data, "inclusion_markers", where),
        quantity_idioms=_words(data, "quantity_idioms", where),
        age_units=_words(data, "age_units", where),
        age_adjectives=_words(data, "age_adjectives", where),
        leading_participles=_words(data, "leading_participles", where),
        copular_verbs=_words(data, "copular_verbs", where),
        naming_verbs=_words(data, "naming_verbs", where),
        numbers_one=_words(data, "numbers_one", where),
        pressure_nouns=_words(data, "pressure_nouns", where),
        instigation_nouns=_words(data, "instigation_nouns", where),
        relative_nouns=_words(data, "relative_nouns", where),
        portfolio_nouns=_words(data, "portfolio_nouns", where),
        organisation_possessives=_words(data, "organisation_possessives", where),
    )


@lru_cache(maxsize=None)
def load_profile(lang: str) -> Profile:
    """The grammar words of one language; for a language without a profile (a hand-built parse in
    spaCy's multi-language vocabulary, ``"xx"``), every profile's words together."""
    if lang not in languages():
        profiles = [load_profile(lg) for lg in languages()]
        if not profiles:
            raise OntologyError(f"no language profile under {LEXICON_DIR}")

        def union(attr: str) -> frozenset[str]:
            return frozenset().union(*(getattr(p, attr) for p in profiles))

        return Profile(
            lang=lang,
            prepositions={fn: frozenset().union(*(p.prepositions[fn] for p in profiles))
                          for fn in PREPOSITION_FUNCTIONS},
            contractions={k: v for p in profiles for k, v in p.contractions.items()},
            **{attr: union(attr) for attr in (
                "complementisers", "coordinators", "possessive_markers", "relative_pronouns",
                "relative_adverbs", "auxiliaries", "perfect_auxiliaries", "definite_determiners",
                "negation_particles", "negation_needs_particle")},
            lemma_repairs=(),
            clitics={k: frozenset().union(*(p.clitics.get(k, ()) for p in profiles))
                     for k in {k for p in profiles for k in p.clitics}},
            conditional_markers=union("conditional_markers"),
            future_endings=tuple(sorted(union("future_endings"))),
            cleft_pronouns=union("cleft_pronouns"),
            focus_adverbs=union("focus_adverbs"),
            inclusion_markers=union("inclusion_markers"),
            quantity_idioms=union("quantity_idioms"),
            age_units=union("age_units"),
            age_adjectives=union("age_adjectives"),
            leading_participles=union("leading_participles"),
            copular_verbs=union("copular_verbs"),
            naming_verbs=union("naming_verbs"),
            numbers_one=union("numbers_one"),
            pressure_nouns=union("pressure_nouns"),
            instigation_nouns=union("instigation_nouns"),
            relative_nouns=union("relative_nouns"),
            portfolio_nouns=union("portfolio_nouns"),
            organisation_possessives=union("organisation_possessives"),
        )
    where = f"lexicon/{lang}/profile.json"
    return _profile_from(read_json(Path("lexicon") / lang / "profile.json"), where)


# =====================================================================================================
# relations: CAMEO codes and relation rules


def _by_prefix(table: Mapping[str, Any], code: str | None) -> Any:
    """The value of a CAMEO code's longest prefix (two digits or more) in a table keyed by prefixes, or
    None ("1122" finds "112" before "11").

    >>> _by_prefix({"11": "criticised", "112": "accused"}, "1122"), _by_prefix({"11": 1}, None)
    ('accused', None)
    """
    for n in range(len(code or ""), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


@dataclass(frozen=True)
class RelationRules:
    """How CAMEO codes map to kg relations, and the rules that turn one relation into another."""

    cameo: Mapping[str, str | None]  # code prefix -> relation (None: no relation)
    negated: Mapping[str, tuple[str, str]]  # relation -> (relation, code) when negated
    conditional: tuple[str, str]  # (relation, code) of an act announced on a condition
    conditional_except: frozenset[str]
    intentions: tuple[tuple[int, int, str], ...]  # (first root, last root, code)
    place_is_not_partner: frozenset[str]
    person_or_organisation_target: frozenset[str]
    place_targets: frozenset[str]
    recipient_targets: frozenset[str]
    purpose_target_roots: frozenset[str]
    asked_events: frozenset[str]
    not_events: frozenset[str]
    attempted_acts: tuple[str, ...] = ()  # code prefixes of acts an attempt makes
    defiance: frozenset[str] = frozenset()  # relations whose target may be whose pressure they defy
    instigated_roots: frozenset[str] = frozenset()  # CAMEO roots of acts whose caller is their actor
    asked_of_others: frozenset[str] = frozenset()  # event nouns a demand asks of the party named on them
    default_targets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # code prefix, relation or "*" -> roles
    one_party: tuple[str, ...] = ()  # code prefixes of acts stated of their actor alone
    own_acts: tuple[str, ...] = ()  # code prefixes of acts coordinated actors never do with each other
    joint_acts: tuple[str, ...] = ()  # code prefixes of acts done together with a party named by "with"
    of_agent_events: frozenset[str] = frozenset()  # relations whose event noun's "of" complement is its actor
    halted: Mapping[str, str] = field(default_factory=dict)  # code prefix of an act -> code of its halt
    requested: Mapping[str, str] = field(default_factory=dict)  # code prefix of an act -> code of a request for it
    force_purpose_targets: tuple[str, ...] = ()  # code prefixes of acts of force aimed at whom their purpose acts on
    answers: frozenset[str] = frozenset()  # relations of an answer to a proposal: to the party of the act proposed
    state_acts: tuple[str, ...] = ()  # code prefixes of acts of a state's authorities: passive in X, X's act
    accepted: Mapping[str, str] = field(default_factory=dict)  # code prefix of an act accepted -> code of accepting it

    def targets_for(self, relation: str, code: str | None = None) -> tuple[str, ...]:
        """The argument roles that give the target of an event verb with no curated frame: those of the
        longest CAMEO code prefix listed, else of the relation, else of every relation ("*")."""
        return _by_prefix(self.default_targets, code) or self.default_targets.get(relation) or \
            self.default_targets.get("*", ("obj",))

    def leaves_a_party(self, code: str | None) -> bool:
        """Whether events of this code have their own target roles (withdrawals, reduced relations):
        acts that leave a party, never the actor's own place."""
        return _by_prefix(self.default_targets, code) is not None

    def halt_code(self, code: str | None) -> str | None:
        """The CAMEO code of an act of this code halted or cut back (``halted``: "suspended talks" 164,
        "cut aid" 162, "ended the blockade" 087), or None when halting it is no event kg codes."""
        return _by_prefix(self.halted, code)

    def accept_code(self, code: str | None) -> str | None:
        """The CAMEO code of accepting another party's act of this code (``accepted``: a demand accepted
        is yielding, 080), or None."""
        return _by_prefix(self.accepted, code)

    def request_code(self, code: str | None) -> str:
        """The CAMEO code of a request for an act of this code (``requested``: "asked X for military
        aid" 0232), else a plain appeal (020)."""
        return _by_prefix(self.requested, code) or "020"

    def relation_for(self, code: str | None) -> str | None:
        """The kg relation of a CAMEO code: its longest prefix in the table ("1122" -> accused)."""
        return _by_prefix(self.cameo, code)

    def is_one_party(self, code: str | None) -> bool:
        """Whether an act of this code is a statement about its actor alone when the text names no other
        party ("X resigned", "troops withdrew", "workers went on strike"): the prefixes of ``one_party``."""
        return bool(code) and any(code.startswith(p) for p in self.one_party)

    def is_mutual(self, relation: str, code: str | None) -> bool:
        """Whether coordinated subjects of this relation and code hold it with each other ("A and B
        agreed"), not each on their own ("A and B withdrew", an agreed coded 08)."""
        return relation in MUTUAL_RELATIONS and not (code and any(code.startswith(p) for p in self.own_acts))

    def attempt_is_act(self, code: str | None) -> bool:
        """Whether an act of this code, attempted, was made (an assault, an intrusion: CAMEO 176, 18-20)."""
        return bool(code) and any(code.startswith(p) for p in self.attempted_acts)

    def intention_code(self, code: str | None) -> str | None:
        """The CAMEO code of an act of this code announced rather than done, if the table has one."""
        if not code or not code[:2].isdigit():
            return None
        root = int(code[:2])
        for first, last, intent in self.intentions:
            if first <= root <= last:
                return intent
        return None


def _relations(values: Iterable[str], where: str) -> frozenset[str]:
    return frozenset(_check_relation(v, where) for v in values)


@lru_cache(maxsize=1)
def load_relation_rules() -> RelationRules:
    """The language-independent relation rules of ``ontologies/lexicon/relations.json``."""
    where = "lexicon/relations.json"
    data = read_json(Path("lexicon") / "relations.json")
    cameo = {}
    for prefix, rel in data["cameo"].items():
        if prefix.startswith("_"):
            continue
        if not prefix.isdigit():
            raise OntologyError(f"{where}: cameo key {prefix!r} is not a code prefix")
        cameo[prefix] = None if rel is None else _check_relation(rel, where)
    cond = data["conditional"]
    return RelationRules(
        cameo=cameo,
        negated={_check_relation(k, where): (_check_relation(v["relation"], where), v["code"])
                 for k, v in data["negated"].items() if not k.startswith("_")},
        conditional=(_check_relation(cond["relation"], where), cond["code"]),
        conditional_except=_relations(cond["except"], where),
        intentions=tuple((v["roots"][0], v["roots"][1], v["code"])
                         for k, v in data["intentions"].items() if not k.startswith("_")),
        place_is_not_partner=_relations(data["place_is_not_partner"]["relations"], where),
        person_or_organisation_target=_relations(data["person_or_organisation_target"]["relations"], where),
        place_targets=_relations(data["place_targets"]["relations"], where),
        recipient_targets=_relations(data["recipient_targets"]["relations"], where),
        purpose_target_roots=frozenset(data["purpose_targets"]["roots"]),
        asked_events=_relations(data["asked_events"]["relations"], where),
        not_events=_relations(data["not_events"]["relations"], where),
        attempted_acts=tuple(data["attempted_acts"]["codes"]),
        defiance=_relations(data["defiance"]["relations"], where),
        instigated_roots=frozenset(data["instigated_events"]["roots"]),
        asked_of_others=_relations(data["asked_of_others"]["relations"], where),
        default_targets={k: tuple(v) for k, v in data.get("default_targets", {}).items() if not k.startswith("_")},
        one_party=tuple(data["one_party"]["codes"]),
        own_acts=tuple(data["own_acts"]["codes"]),
        joint_acts=tuple(data["joint_acts"]["codes"]),
        of_agent_events=_relations(data["of_agent_events"]["relations"], where),
        halted={k: _code(v, f"{where} halted {k!r}") for k, v in data["halted"]["codes"].items()},
        requested={k: _code(v, f"{where} requested {k!r}") for k, v in data["requested"]["codes"].items()},
        force_purpose_targets=tuple(data["force_purpose_targets"]["codes"]),
        answers=_relations(data["answers"]["relations"], where),
        state_acts=tuple(data["state_acts"]["codes"]),
        accepted={k: _code(v, f"{where} accepted {k!r}") for k, v in data["accepted"]["codes"].items()},
    )


# =====================================================================================================
# the CAMEO event lexicon


@dataclass(frozen=True)
class NounSpec:
    """A noun phrase a pattern asks for: a head (a word, or ``&synset``) and modifiers that must be
    among the head's dependents."""

    head: str
    modifiers: tuple[str, ...] = ()

    @classmethod
    def parse(cls, spec: str | None) -> "NounSpec | None":
        if not spec:
            return None
        words = spec.lower().split()
        return cls(words[-1], tuple(words[:-1]))


@dataclass(frozen=True)
class Pattern:
    """A CAMEO phrase pattern: constraints on a verb's arguments and the code they give."""

    code: str | None
    subject: NounSpec | None = None
    particle: str | None = None
    object: NounSpec | None = None
    preps: tuple[tuple[str, NounSpec | None], ...] = ()
    target: str | None = None
    text: str = ""

    @cached_property  # read for every verb of every clause: computed once per pattern
    def written_for(self) -> str | None:
        """The verb the pattern was written for, as its comment names it ("- * (FOR) [042] # HEAD")."""
        comment = self.text.rpartition("#")[2].strip().lower() if "#" in self.text else ""
        return comment.replace("_", " ") if comment and " " not in comment else None

    @cached_property
    def bare(self) -> bool:
        """A pattern that asks for no word of its own, only prepositions ("* (FOR)", "* TO"): what it
        means belongs to the verb it was written for ("head for X" is a trip; "control … for" is not)."""
        return self.subject is None and self.object is None and all(spec is None for _, spec in self.preps)

    @cached_property
    def specificity(self) -> int:
        """How much the pattern asks for: the more, the stronger its claim on a clause."""
        return (2 + len(self.subject.modifiers) if self.subject is not None else 0) + self.complement_specificity

    @cached_property
    def complement_specificity(self) -> int:
        """How much the pattern asks of what follows the verb (its object, particle, phrases): what
        makes "stage a demonstration" another event than "stage"."""
        n = 2 + len(self.object.modifiers) if self.object is not None else 0
        n += 1 if self.particle else 0
        for _, spec in self.preps:
            n += 1 + (2 + len(spec.modifiers) if spec is not None else 0)
        return n


@dataclass(frozen=True)
class CameoVerb:
    """A verb of the CAMEO lexicon: its lemma and what must come with it, its code and its synset."""

    lemma: str
    code: str | None
    synset: str
    particle: str | None = None
    clitics: tuple[str, ...] = ()
    prefix: str | None = None
    inherited: bool = False  # the code is the block's, not the verb's own

    @property
    def codes_alone(self) -> bool:
        """Whether the verb's code holds without a pattern: its own code, or that of the block it names
        ("threaten" in THREATEN), not a block code shared by WordNet synonyms ("think" in CONSIDER)."""
        return self.code is not None and (not self.inherited or self.synset == self.lemma)


def stem(word: str) -> str:
    """A crude singular for comparing nouns in patterns with words in text ("attacks" ~ "attack",
    "rallies" ~ "rally"); lemmas do most of the work, this catches what the lemmatizer leaves."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@dataclass(frozen=True)
class CameoLexicon:
    """The CAMEO event lexicon of one language (empty when the language has none)."""

    #: noun synset -> stemmed head word -> the modifier words each of its phrases needs
    nouns: Mapping[str, Mapping[str, tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    verbs: Mapping[str, tuple[CameoVerb, ...]] = field(default_factory=dict)  # lemma -> entries
    forms: Mapping[str, str] = field(default_factory=dict)  # irregular inflected form -> lemma
    synsets: Mapping[str, tuple[str | None, tuple[Pattern, ...]]] = field(default_factory=dict)
    event_nouns: Mapping[str, str] = field(default_factory=dict)  # noun lemma -> code

    def patterns(self, verb: CameoVerb) -> tuple[Pattern, ...]:
        return self.synsets.get(verb.synset, (None, ()))[1]


def _code(value, where: str) -> str | None:
    if value is None:
        return None
    if not (isinstance(value, str) and value.isdigit() and 2 <= len(value) <= 4):
        raise OntologyError(f"{where}: CAMEO code {value!r} is not null or 2-4 digits")
    return value


def _cameo_from(data: Mapping, where: str) -> CameoLexicon:
    nouns: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for name, phrases in data.get("nouns", {}).items():
        heads = nouns.setdefault(name.lower(), {})
        for phrase in phrases:
            # split as the tokenizer splits elisions ("état d'alerte": état, d', alerte); a phrase is
            # found by its head, the last word in English ("arms shipment") and usually the first in
            # French ("garde à vue"): it is indexed under each word, the others to be found below it
            words = list(_tokens(phrase))
            for n, w in enumerate(words):
                heads.setdefault(stem(w), []).append(tuple(words[:n] + words[n + 1:]))
    verbs: dict[str, list[CameoVerb]] = {}
    forms: dict[str, str] = {}
    for i, v in enumerate(data.get("verbs", [])):
        w = f"{where} verb {i} ({v.get('lemma')!r})"
        if not isinstance(v.get("lemma"), str) or not v["lemma"]:
            raise OntologyError(f"{w}: missing lemma")
        entry = CameoVerb(v["lemma"].lower(), _code(v.get("code"), w), str(v.get("synset", "")).lower(),
                          v.get("particle"), tuple(v.get("clitics", ())), v.get("prefix"),
                          v.get("code_from") == "block")
        verbs.setdefault(entry.lemma, []).append(entry)
        for form in v.get("forms", ()):
            forms.setdefault(form.lower(), entry.lemma)
    synsets = {}
    for name, block in data.get("synsets", {}).items():
        w = f"{where} synset {name!r}"
        patterns = []
        for j, p in enumerate(block.get("patterns", [])):
            pw = f"{w} pattern {j}"
            preps = tuple((str(x["prep"]).lower(), NounSpec.parse(x.get("object"))) for x in p.get("preps", ()))
            patterns.append(Pattern(_code(p.get("code"), pw), NounSpec.parse(p.get("subject")), p.get("particle"),
                                    NounSpec.parse(p.get("object")), preps, p.get("target"), p.get("text", "")))
        synsets[name.lower()] = (_code(block.get("code"), w), tuple(patterns))
    event_nouns = {}
    for n in data.get("event_nouns", []):
        event_nouns.setdefault(n["lemma"].lower(), _code(n["code"], f"{where} event noun {n['lemma']!r}"))
    return CameoLexicon({n: {h: tuple(m) for h, m in heads.items()} for n, heads in nouns.items()},
                        {k: tuple(v) for k, v in verbs.items()}, forms, synsets, event_nouns)


@lru_cache(maxsize=None)
def load_cameo(lang: str) -> CameoLexicon:
    """The CAMEO event lexicon of one language; an empty one when the language has no ``cameo.json``."""
    data = read_json(Path("lexicon") / lang / "cameo.json", optional=True)
    return CameoLexicon() if data is None else _cameo_from(data, f"lexicon/{lang}/cameo.json")


# =====================================================================================================
# agents: actors named by description


@dataclass(frozen=True)
class Agent:
    """An agent noun: "government", "riot police", "rebel", "manifestant"."""

    words: tuple[str, ...]  # the phrase's words, lowercase, singular
    head: str
    code: str  # CAMEO agent code: GOV, MIL, COP, REB, OPP …
    person: bool  # one instance is a person (a rebel), not a body (the army)
    en: str  # the English phrase
    plural: tuple[str, ...] = ()  # irregular plural forms of the head, or () for regular ones


def _head_form(plural_phrase: str, phrase: str, head: str) -> str:
    """The head word of a plural phrase: the word at the head's place ("ministres des affaires
    étrangères" -> "ministres")."""
    words, pwords = phrase.split(), plural_phrase.split()
    if head in words and len(words) == len(pwords):
        return pwords[words.index(head)]
    return pwords[-1] if pwords else plural_phrase


@dataclass(frozen=True)
class AgentLexicon:
    """Agent nouns of one language, indexed by their head word (singular and plural forms)."""

    by_head: Mapping[str, tuple[Agent, ...]] = field(default_factory=dict)


def _agents_from(data: Mapping, where: str) -> AgentLexicon:
    by_head: dict[str, list[Agent]] = {}
    for i, a in enumerate(data.get("agents", [])):
        w = f"{where} agent {i} ({a.get('phrase')!r})"
        try:
            phrase, head, code = a["phrase"].lower(), a["head"].lower(), a["code"]
        except KeyError as e:
            raise OntologyError(f"{w}: missing {e.args[0]!r}") from None
        plural = a.get("plural")
        plural = [p.lower() for p in ([plural] if isinstance(plural, str) else plural or ())]
        feminine = a.get("feminine")
        if feminine:  # "manifestante", "manifestantes"
            plural += [feminine.lower() + "s"]
        # the plural forms of the head word, for matching ("forces de l'ordre": "forces")
        plural_heads = tuple(dict.fromkeys(_head_form(p, phrase, head) for p in plural))
        agent = Agent(_tokens(phrase), head, code, bool(a.get("person")), a.get("en") or phrase, plural_heads)
        heads = {head} | set(plural_heads) | ({feminine.lower()} if feminine else set())
        for h in heads:
            by_head.setdefault(h, []).append(agent)
    # longer phrases first: "riot police" before "police"
    return AgentLexicon({h: tuple(sorted(v, key=lambda a: (-len(a.words), a.words))) for h, v in by_head.items()})


@dataclass(frozen=True)
class AgentRules:
    """How actors named by description are named and what they stand for (``agent-codes.json``)."""

    representatives: frozenset[str]  # codes whose plural members stand for their country
    state_bodies: frozenset[str]  # codes of state bodies a text may name without their country
    actor_codes: frozenset[str]  # codes whose bodies and groups are actors without an owner
    names: Mapping[str, str]  # English head phrase -> name template
    located_bodies: frozenset[str] = frozenset()  # "embassy": named with the place it is in

    @staticmethod
    def parts(code: str) -> tuple[str, ...]:
        """The three-letter codes of a composite one ("GOVMED" -> GOV, MED; "MUSUAF" -> MUS, UAF)."""
        return tuple(code[i:i + 3] for i in range(0, len(code), 3))

    def is_actor(self, code: str) -> bool:
        return any(p in self.actor_codes for p in self.parts(code))

    def is_representative(self, code: str) -> bool:
        return bool(code) and self.parts(code)[0] in self.representatives

    def is_state_body(self, code: str) -> bool:
        return bool(code) and self.parts(code)[0] in self.state_bodies


@lru_cache(maxsize=1)
def load_agent_rules() -> AgentRules:
    """The language-independent rules of ``ontologies/lexicon/agent-codes.json``."""
    data = read_json(Path("lexicon") / "agent-codes.json")

    def codes(section: str) -> frozenset[str]:
        return frozenset(data[section]["codes"])

    return AgentRules(codes("representatives"), codes("state_bodies"), codes("actor_codes"),
                      {k: v for k, v in data["names"].items() if not k.startswith("_")},
                      frozenset(data["located_bodies"]["heads"]))


@lru_cache(maxsize=None)
def load_agents(lang: str) -> AgentLexicon:
    """The agent nouns of one language: ``agents.json`` and the additions of the curated lexicon's
    ``agents`` section; an empty lexicon when the language has neither."""
    data = read_json(Path("lexicon") / lang / "agents.json", optional=True) or {}
    curated = read_json(Path("lexicon") / lang / "lexicon.json", optional=True) or {}
    extra = curated.get("agents", {}).get("entries", [])
    return _agents_from({"agents": list(extra) + list(data.get("agents", []))}, f"lexicon/{lang}/agents")


# =====================================================================================================
# the curated lexicon


@dataclass(frozen=True)
class Frame:
    """What a predicate means: its relation and the argument roles that may give its target."""

    relation: str
    target: tuple[str, ...]
    requires: str | None = None  # a reflexive clitic the verb needs ("se rendre")
    cameo: str | None = None  # CAMEO code of the verb's event when finer than its relation's
    voice: str | None = None  # "passive": fires only in the passive, the patient being the subject
    modality: str | None = None  # a modality the verb itself carries ("est attendu à" is planned)
    target_types: tuple[str, ...] = ()  # entity types the target may have (none: any)
    direct: bool = False  # the target is an argument itself, never the owner of one
    role: str | None = None  # the office a role_in/member_of verb gives ("heads X": Leader)
    subject_types: tuple[str, ...] = ()  # entity types the subject may have (none: any)
    intransitive: bool = False  # a journey: with a direct object the verb means something else ("returned the bodies")


@dataclass(frozen=True)
class HaltingVerb:
    """A verb that halts or cuts back the act an event noun names: the verb alone ("suspend"), with its
    particle ("break off"), or with its object noun and the preposition of the act ("put an end to",
    "mettre fin à")."""

    lemma: str
    particle: str | None = None
    noun: str | None = None  # the verb's object that carries the act ("end", "fin")
    prep: str | None = None  # the preposition of the act on that noun ("to", "à")
    completes: frozenset[str] = frozenset()  # CAMEO code prefixes of acts the verb completes, not halts

    @classmethod
    def parse(cls, entry: str, completes: Iterable[str], where: str) -> "HaltingVerb":
        words = entry.lower().split()
        if len(words) not in (1, 2, 3):
            raise OntologyError(f"{where}: halting verb {entry!r} is not 'verb', 'verb particle' or "
                                f"'verb noun preposition'")
        return cls(words[0], words[1] if len(words) == 2 else None, *(words[1:] if len(words) == 3 else (None, None)),
                   completes=frozenset(completes))


@dataclass(frozen=True)
class Role:
    label: str
    relation: str  # role_in or member_of
    head: bool  # stands for its country when no holder is named
    forms: tuple[tuple[str, ...], ...]  # token sequences, lowercase
    national: bool = False  # an office of a national government: the article's country when none is named


@dataclass(frozen=True)
class Lexicon:
    """Everything the rules need for one language."""

    lang: str
    profile: Profile
    rules: RelationRules
    cameo: CameoLexicon
    agents: AgentLexicon
    agent_rules: AgentRules
    verbs: Mapping[str, Frame]
    light_verbs: frozenset[str]
    event_nouns: Mapping[str, str]
    event_noun_cameo: Mapping[str, str]  # event noun -> its CAMEO code, when finer than its relation's
    third_party_codes: frozenset[str]
    light_verb_cameo: Mapping[str, str]  # light verb -> the CAMEO code it gives its event noun
    participant_preps: frozenset[str]
    locative_preps: frozenset[str]
    blame_nouns: Mapping[str, str]  # noun -> the relation a speaker states by it
    reporting: Mapping[str, str]
    source_markers: tuple[tuple[str, ...], ...]
    anaphoric: tuple[tuple[str, ...], ...]
    counterpart_nouns: frozenset[str]
    organisation_anaphors: frozenset[str]
    collective_nouns: frozenset[str]
    group_nouns: frozenset[str]
    counted_group_nouns: frozenset[str]
    weapon_nouns: Mapping[str, str | None]  # noun -> the CAMEO code of an attack made by it
    cameo_synonyms_alone: frozenset[str]  # WordNet synonyms whose CAMEO block code holds without a pattern
    attempt_verbs: frozenset[str]  # "tried to kill": an act of force attempted was made
    receiving_verbs: frozenset[str]  # "received aid from X": X does the act, to the subject
    claim_verbs: frozenset[str]  # "claimed the attack": the subject did it
    responsibility_nouns: frozenset[str]  # "claimed responsibility for the attack"
    presence_verbs: frozenset[str]  # done in person: with a place, the subject was there
    perpetrator_nouns: frozenset[str]  # "three gunmen": counted, someone in particular
    group_modifiers: Mapping[str, str]  # identity word -> its English form
    quantity_nouns: frozenset[str]
    negation: frozenset[str]
    negating_verbs: frozenset[str]
    possibility: frozenset[str]
    plan: frozenset[str]
    he_she: frozenset[str]
    first_person: frozenset[str]
    third_person: frozenset[str]
    obligation: frozenset[str]
    intent_verbs: frozenset[str]
    threat_conditions: tuple[tuple[str, ...], ...]
    honorifics: frozenset[str]
    ranks: frozenset[str]  # military and police ranks written before a name
    common_acronyms: frozenset[str]  # upper-case words that name no organisation
    party_letters: Mapping[str, Any]  # {"country": "US", "letters": {"D": gazetteer id}}
    determiners: frozenset[str]
    roles: tuple[Role, ...]
    role_index: Mapping[str, tuple[tuple[Role, tuple[str, ...]], ...]]  # first word -> (role, form)
    type_cues: Mapping[str, str]  # category noun -> entity type
    instrument_nouns: frozenset[str]
    temporal_nouns: frozenset[str]
    role_modifiers: frozenset[str]
    enumeration_openers: tuple[tuple[str, ...], ...]
    halting_verbs: tuple[HaltingVerb, ...] = ()  # "suspended talks": the act an event noun names, halted
    site_nouns: frozenset[str] = frozenset()  # "fired at targets in X": an act at one is aimed at its place


def _check_relation(rel: str, where: str) -> str:
    if rel not in RELATIONS:
        raise OntologyError(f"{where}: unknown relation {rel!r}; allowed: {', '.join(RELATIONS)}")
    return rel


def _tokens(form: str) -> tuple[str, ...]:
    # "secrétaire d'état" -> ("secrétaire", "d'", "état"): split the way spaCy splits elisions
    out: list[str] = []
    for word in form.lower().split():
        while "'" in word[:-1]:
            head, word = word.split("'", 1)
            out.append(head + "'")
        out.append(word)
    return tuple(out)


@lru_cache(maxsize=None)
def load_roles(lang: str) -> tuple[Role, ...]:
    """The offices of ``ontologies/roles.json`` with their forms in one language, longest forms first."""
    roles_data = read_json("roles.json")
    roles = []
    for spec in roles_data["roles"]:
        forms = tuple(sorted((_tokens(f) for f in spec.get(lang, [])), key=lambda t: (-len(t), t)))
        roles.append(Role(spec["label"], _check_relation(spec["relation"], f"roles.json {spec['label']!r}"),
                          bool(spec.get("head")), forms, bool(spec.get("national"))))
    return tuple(roles)


def _role_index(roles: tuple[Role, ...]) -> dict[str, tuple[tuple[Role, tuple[str, ...]], ...]]:
    """Office titles indexed by their first word: a title is only tried where its first word is."""
    index: dict[str, list[tuple[Role, tuple[str, ...]]]] = {}
    for role in roles:
        for form in role.forms:
            index.setdefault(form[0], []).append((role, form))
    return {w: tuple(v) for w, v in index.items()}


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    """Everything the rules need for one language (``"fr"`` or ``"en"``), cached."""
    if lang not in languages():
        raise OntologyError(f"no lexicon for language {lang!r} under {LEXICON_DIR}; "
                            f"available: {', '.join(languages())}")
    where = f"lexicon/{lang}/lexicon.json"
    data = read_json(Path("lexicon") / lang / "lexicon.json")
    roles_data = read_json("roles.json")

    def section(name: str):
        try:
            value = data[name]
        except KeyError:
            raise OntologyError(f"{where}: section {name!r} is missing") from None
        return value["entries"] if isinstance(value, dict) and "entries" in value else value

    verbs = {}
    for lemma, spec in section("verbs").items():
        verbs[lemma] = Frame(_check_relation(spec["relation"], f"{where} verb {lemma!r}"),
                             tuple(spec["target"]), spec.get("requires"), spec.get("cameo"),
                             spec.get("voice"), spec.get("modality"), tuple(spec.get("target_types", ())),
                             bool(spec.get("direct")), spec.get("role"), tuple(spec.get("subject_types", ())),
                             bool(spec.get("intransitive")))
    pronouns = data["pronouns"]
    rules, cameo = load_relation_rules(), load_cameo(lang)
    no_code = set(data.get("cameo_overrides", {}).get("entries", {}).get("no_code", {}))
    if no_code:  # verbs whose code alone kg does not trust: their patterns still code
        cameo = replace(cameo, verbs={lemma: tuple(replace(v, code=None) if lemma in no_code and not v.particle
                                                   and not v.clitics else v for v in entries)
                                      for lemma, entries in cameo.verbs.items()})
    # event nouns: the curated ones, then those of the CAMEO lexicon (relation from their code)
    event_nouns = {k: _check_relation(v.split(":")[0], f"{where} event noun {k!r}")
                   for k, v in section("event_nouns").items()}
    event_noun_cameo = {k: v.split(":")[1] for k, v in section("event_nouns").items() if ":" in v}
    for noun, code in sorted(cameo.event_nouns.items()):
        relation = rules.relation_for(code)
        if noun not in event_nouns and relation is not None:
            event_nouns[noun], event_noun_cameo[noun] = relation, code
    return Lexicon(
        lang=lang,
        profile=load_profile(lang),
        rules=rules,
        cameo=cameo,
        agents=load_agents(lang),
        agent_rules=load_agent_rules(),
        verbs=verbs,
        light_verbs=frozenset(section("light_verbs")),
        event_nouns=event_nouns,
        event_noun_cameo=event_noun_cameo,
        third_party_codes=frozenset(section("third_party_codes")),
        light_verb_cameo=dict(section("light_verb_cameo")),
        participant_preps=frozenset(section("participant_prepositions")),
        locative_preps=frozenset(section("locative_prepositions")),
        blame_nouns={k: _check_relation(v, f"{where} blame noun {k!r}") for k, v in section("blame_nouns").items()},
        reporting={k: _check_relation(v, f"{where} reporting verb {k!r}")
                   for k, v in section("reporting_verbs").items()},
        source_markers=tuple(_tokens(m) for m in section("source_markers")),
        anaphoric=tuple(tuple(x) for x in section("anaphoric_predicates")),
        counterpart_nouns=frozenset(section("counterpart_nouns")),
        organisation_anaphors=frozenset(section("organisation_anaphors")),
        collective_nouns=frozenset(section("collective_nouns")),
        group_nouns=frozenset(section("group_nouns")),
        counted_group_nouns=frozenset(section("counted_group_nouns")),
        perpetrator_nouns=frozenset(section("perpetrator_nouns")),
        weapon_nouns=dict(section("weapon_nouns")),
        cameo_synonyms_alone=frozenset(section("cameo_synonyms_alone")),
        attempt_verbs=frozenset(section("attempt_verbs")),
        receiving_verbs=frozenset(section("receiving_verbs")),
        claim_verbs=frozenset(section("claim_verbs")),
        responsibility_nouns=frozenset(section("responsibility_nouns")),
        presence_verbs=frozenset(section("presence_verbs")),
        group_modifiers=dict(section("group_modifiers")),
        quantity_nouns=frozenset(section("quantity_nouns")),
        negation=frozenset(section("negation_words")),
        negating_verbs=frozenset(section("negating_verbs")),
        possibility=frozenset(section("possibility_words")),
        plan=frozenset(section("plan_words")),
        he_she=frozenset(pronouns["person_singular"]),
        first_person=frozenset(pronouns["first_singular"]),
        third_person=frozenset(pronouns["third_person"]),
        obligation=frozenset(section("obligation_words")),
        intent_verbs=frozenset(section("intent_verbs")),
        threat_conditions=tuple(tuple(x) for x in section("threat_conditions")),
        honorifics=frozenset(section("honorifics")),
        ranks=frozenset(section("ranks")),
        common_acronyms=frozenset(w.upper() for w in section("common_acronyms")),
        party_letters=dict(section("party_letters")),
        determiners=frozenset(section("determiners")),
        roles=load_roles(lang),
        role_index=_role_index(load_roles(lang)),
        type_cues={w: typ for typ, words in section("type_cues").items() for w in words},
        instrument_nouns=frozenset(section("instrument_nouns")),
        temporal_nouns=frozenset(section("temporal_nouns")),
        role_modifiers=frozenset(roles_data.get("modifiers", {}).get(lang, ())),
        enumeration_openers=tuple(tuple(x) for x in section("enumeration_openers")),
        halting_verbs=tuple(HaltingVerb.parse(k, v, f"{where} halting_verbs") for k, v in section("halting_verbs").items()),
        site_nouns=frozenset(section("site_nouns")),
    )

"""The relation lexicon and the role lexicon, loaded once from ``ontologies/``.

Everything language-specific that the rules consult lives in these data files; the rules themselves
(kg/extract) are written once for both languages.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from .errors import OntologyError
from .model import RELATIONS

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontologies"


def read_json(name: str) -> dict:
    """Read one JSON data file of ``ontologies/``, with an :class:`OntologyError` naming the problem."""
    path = ONTOLOGY_DIR / name
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        raise OntologyError(f"data file {path} is missing; reinstall kg from its repository") from None
    except json.JSONDecodeError as e:
        raise OntologyError(f"data file {path} is not valid JSON: {e}") from None


@dataclass(frozen=True)
class Frame:
    """What a predicate means: its relation and the argument roles that may give its target."""

    relation: str
    target: tuple[str, ...]
    requires: str | None = None  # a reflexive clitic the verb needs ("se rendre")
    cameo: str | None = None  # CAMEO code of the verb's event when finer than its relation's
    voice: str | None = None  # "passive": fires only in the passive, the patient being the subject
    modality: str | None = None  # a modality the verb itself carries ("est attendu à" is planned)


@dataclass(frozen=True)
class Role:
    label: str
    relation: str  # role_in or member_of
    head: bool  # stands for its country when no holder is named
    forms: tuple[tuple[str, ...], ...]  # token sequences, lowercase


@dataclass(frozen=True)
class Lexicon:
    """Everything the rules need for one language."""

    lang: str
    verbs: Mapping[str, Frame]
    light_verbs: frozenset[str]
    event_nouns: Mapping[str, str]
    event_noun_cameo: Mapping[str, str]  # event noun -> its CAMEO code, when finer than its relation's
    third_party_codes: frozenset[str]
    light_verb_cameo: Mapping[str, str]  # light verb -> the CAMEO code it gives its event noun
    participant_preps: frozenset[str]
    locative_preps: frozenset[str]
    blame_nouns: frozenset[str]
    reporting: Mapping[str, str]
    source_markers: tuple[tuple[str, ...], ...]
    anaphoric: tuple[tuple[str, ...], ...]
    counterpart_nouns: frozenset[str]
    collective_nouns: frozenset[str]
    group_nouns: frozenset[str]
    group_modifiers: frozenset[str]
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
    determiners: frozenset[str]
    roles: tuple[Role, ...]
    type_cues: Mapping[str, str]  # category noun -> entity type
    instrument_nouns: frozenset[str]
    temporal_nouns: frozenset[str]
    role_modifiers: frozenset[str]
    enumeration_openers: tuple[tuple[str, ...], ...]


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
def load_lexicon(lang: str) -> Lexicon:
    """The lexicon of one language (``"fr"`` or ``"en"``), cached."""
    data = read_json("lexicon.json")
    roles_data = read_json("roles.json")

    def section(name: str):
        try:
            return data[name][lang]
        except KeyError:
            raise OntologyError(f"lexicon.json: section {name!r} has no entry for language {lang!r}") from None

    verbs = {}
    for lemma, spec in section("verbs").items():
        verbs[lemma] = Frame(_check_relation(spec["relation"], f"lexicon.json verb {lemma!r}"),
                             tuple(spec["target"]), spec.get("requires"), spec.get("cameo"),
                             spec.get("voice"), spec.get("modality"))
    roles = []
    for spec in roles_data["roles"]:
        forms = tuple(sorted((_tokens(f) for f in spec.get(lang, [])), key=lambda t: (-len(t), t)))
        roles.append(Role(spec["label"], _check_relation(spec["relation"], f"roles.json {spec['label']!r}"),
                          bool(spec.get("head")), forms))
    pronouns = data["pronouns"]
    return Lexicon(
        lang=lang,
        verbs=verbs,
        light_verbs=frozenset(section("light_verbs")),
        event_nouns={k: _check_relation(v.split(":")[0], f"lexicon.json event noun {k!r}")
                     for k, v in section("event_nouns").items()},
        event_noun_cameo={k: v.split(":")[1] for k, v in section("event_nouns").items() if ":" in v},
        third_party_codes=frozenset(section("third_party_codes")),
        light_verb_cameo=dict(section("light_verb_cameo")),
        participant_preps=frozenset(section("participant_prepositions")),
        locative_preps=frozenset(section("locative_prepositions")),
        blame_nouns=frozenset(section("blame_nouns")),
        reporting={k: _check_relation(v, f"lexicon.json reporting verb {k!r}") for k, v in section("reporting_verbs").items()},
        source_markers=tuple(_tokens(m) for m in section("source_markers")),
        anaphoric=tuple(tuple(x) for x in section("anaphoric_predicates")),
        counterpart_nouns=frozenset(section("counterpart_nouns")),
        collective_nouns=frozenset(section("collective_nouns")),
        group_nouns=frozenset(section("group_nouns")),
        group_modifiers=frozenset(section("group_modifiers")),
        quantity_nouns=frozenset(section("quantity_nouns")),
        negation=frozenset(section("negation_words")),
        negating_verbs=frozenset(section("negating_verbs")),
        possibility=frozenset(section("possibility_words")),
        plan=frozenset(section("plan_words")),
        he_she=frozenset(pronouns["person_singular"][lang]),
        first_person=frozenset(pronouns["first_singular"][lang]),
        third_person=frozenset(pronouns["third_person"][lang]),
        obligation=frozenset(section("obligation_words")),
        intent_verbs=frozenset(section("intent_verbs")),
        threat_conditions=tuple(tuple(x) for x in section("threat_conditions")),
        honorifics=frozenset(section("honorifics")),
        determiners=frozenset(section("determiners")),
        roles=tuple(roles),
        type_cues={w: typ for typ, words in section("type_cues").items() for w in words},
        instrument_nouns=frozenset(section("instrument_nouns")),
        temporal_nouns=frozenset(section("temporal_nouns")),
        role_modifiers=frozenset(roles_data.get("modifiers", {}).get(lang, ())),
        enumeration_openers=tuple(tuple(x) for x in section("enumeration_openers")),
    )

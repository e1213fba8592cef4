"""Generate kg's French CAMEO lexicon (``cameo.json``) and agent nouns (``agents.json``).

Inputs, both read at build time only (kg at run time reads the generated JSON):

``ontologies/lexicon/fr/cameo.source.json``
    hand-written and reviewed: the Verb∋Net class -> CAMEO code table with the decision on every
    member of each mapped class, the verb synsets (French verbs, pronominal verbs, support-verb
    constructions as patterns), noun synsets, event nouns, agent nouns, and the verbs deliberately left
    out. Its ``_comment`` describes the sections.
Verb∋Net (PyPI ``verbenet``)
    the French VerbNet-style lexicon (CC BY-SA 4.0) whose classes are the starting list of verbs.

The output follows ``ontologies/lexicon/README.md``. Running the script twice gives byte-identical
files (sorted keys and entries, UTF-8, one-space indent, trailing newline), written atomically. Usage::

    .venv/bin/python scripts/build_french_lexicon.py            # rewrite ontologies/lexicon/fr/{cameo,agents}.json
    .venv/bin/python scripts/build_french_lexicon.py --check    # exit 1 if the files on disk are out of date
    .venv/bin/python scripts/build_french_lexicon.py --stats    # also print counts by CAMEO root and agent code
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Mapping

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "ontologies" / "lexicon" / "fr"
SOURCE = OUT_DIR / "cameo.source.json"
GENERATED = ("cameo.json", "agents.json")

#: CAMEO 1.1b3 event codes (roots, 3-digit and 4-digit); a code outside this table is a typo
CAMEO_CODES: Mapping[str, str] = {
    "01": "make public statement", "010": "make statement", "011": "decline comment",
    "012": "make pessimistic comment", "013": "make optimistic comment", "014": "consider policy option",
    "015": "acknowledge or claim responsibility", "016": "deny responsibility", "017": "engage in symbolic act",
    "018": "make empathetic comment", "019": "express accord",
    "02": "appeal", "020": "make an appeal or request", "021": "appeal for material cooperation",
    "0211": "appeal for economic cooperation", "0212": "appeal for military cooperation",
    "0213": "appeal for judicial cooperation", "0214": "appeal for intelligence", "022": "appeal for diplomatic cooperation",
    "023": "appeal for aid", "0231": "appeal for economic aid", "0232": "appeal for military aid",
    "0233": "appeal for humanitarian aid", "0234": "appeal for military protection or peacekeeping",
    "024": "appeal for political reform", "0241": "appeal for change in leadership", "0242": "appeal for policy change",
    "0243": "appeal for rights", "0244": "appeal for change in institutions, regime", "025": "appeal to yield",
    "0251": "appeal for easing of administrative sanctions", "0252": "appeal for easing of popular dissent",
    "0253": "appeal for release of persons or property", "0254": "appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "appeal for target to allow international involvement", "0256": "appeal for de-escalation of military engagement",
    "026": "appeal to others to meet or negotiate", "027": "appeal to others to settle dispute",
    "028": "appeal to others to engage in or accept mediation",
    "03": "express intent to cooperate", "030": "express intent to cooperate",
    "031": "express intent to engage in material cooperation", "0311": "economic cooperation", "0312": "military cooperation",
    "0313": "judicial cooperation", "0314": "intelligence", "032": "express intent to provide diplomatic cooperation",
    "033": "express intent to provide material aid", "0331": "economic aid", "0332": "military aid",
    "0333": "humanitarian aid", "0334": "military protection or peacekeeping",
    "034": "express intent to institute political reform", "0341": "change in leadership", "0342": "policy change",
    "0343": "rights", "0344": "change in institutions, regime", "035": "express intent to yield",
    "0351": "ease administrative sanctions", "0352": "ease popular dissent", "0353": "release persons or property",
    "0354": "ease economic sanctions, boycott, or embargo", "0355": "allow international involvement",
    "0356": "de-escalate military engagement", "036": "express intent to meet or negotiate",
    "037": "express intent to settle dispute", "038": "express intent to accept mediation", "039": "express intent to mediate",
    "04": "consult", "040": "consult", "041": "discuss by telephone", "042": "make a visit", "043": "host a visit",
    "044": "meet at a third location", "045": "mediate", "046": "engage in negotiation",
    "05": "engage in diplomatic cooperation", "050": "engage in diplomatic cooperation", "051": "praise or endorse",
    "052": "defend verbally", "053": "rally support on behalf of", "054": "grant diplomatic recognition",
    "055": "apologize", "056": "forgive", "057": "sign formal agreement",
    "06": "engage in material cooperation", "060": "engage in material cooperation", "061": "cooperate economically",
    "062": "cooperate militarily", "063": "engage in judicial cooperation", "064": "share intelligence or information",
    "07": "provide aid", "070": "provide aid", "071": "provide economic aid", "072": "provide military aid",
    "073": "provide humanitarian aid", "074": "provide military protection or peacekeeping", "075": "grant asylum",
    "08": "yield", "080": "yield", "081": "ease administrative sanctions", "0811": "ease restrictions on political freedoms",
    "0812": "ease ban on political parties or politicians", "0813": "ease curfew", "0814": "ease state of emergency or martial law",
    "082": "ease political dissent", "083": "accede to requests or demands for political reform",
    "0831": "accede to demands for change in leadership", "0832": "accede to demands for change in policy",
    "0833": "accede to demands for rights", "0834": "accede to demands for change in institutions, regime",
    "084": "return, release", "0841": "return, release persons", "0842": "return, release property",
    "085": "ease economic sanctions, boycott, embargo", "086": "allow international involvement",
    "0861": "receive deployment of peacekeepers", "0862": "receive inspectors", "0863": "allow delivery of humanitarian aid",
    "087": "de-escalate military engagement", "0871": "declare truce, ceasefire", "0872": "ease military blockade",
    "0873": "demobilize armed forces", "0874": "retreat or surrender militarily",
    "09": "investigate", "090": "investigate", "091": "investigate crime, corruption", "092": "investigate human rights abuses",
    "093": "investigate military action", "094": "investigate war crimes",
    "10": "demand", "100": "demand", "101": "demand material cooperation", "1011": "economic cooperation",
    "1012": "military cooperation", "1013": "judicial cooperation", "1014": "intelligence", "102": "demand diplomatic cooperation",
    "103": "demand material aid", "1031": "economic aid", "1032": "military aid", "1033": "humanitarian aid",
    "1034": "military protection or peacekeeping", "104": "demand political reform", "1041": "demand change in leadership",
    "1042": "demand policy change", "1043": "demand rights", "1044": "demand change in institutions, regime",
    "105": "demand that target yields", "1051": "demand easing of administrative sanctions",
    "1052": "demand easing of popular dissent", "1053": "demand release of persons or property",
    "1054": "demand easing of economic sanctions, boycott, or embargo", "1055": "demand that target allows international involvement",
    "1056": "demand de-escalation of military engagement", "106": "demand meeting, negotiation",
    "107": "demand settling of dispute", "108": "demand mediation",
    "11": "disapprove", "110": "disapprove", "111": "criticize or denounce", "112": "accuse",
    "1121": "accuse of crime, corruption", "1122": "accuse of human rights abuses", "1123": "accuse of aggression",
    "1124": "accuse of war crimes", "1125": "accuse of espionage, treason", "113": "rally opposition against",
    "114": "complain officially", "115": "bring lawsuit against", "116": "find guilty or liable (legally)",
    "12": "reject", "120": "reject", "121": "reject material cooperation", "1211": "reject economic cooperation",
    "1212": "reject military cooperation", "122": "reject request or demand for material aid", "1221": "economic aid",
    "1222": "military aid", "1223": "humanitarian aid", "1224": "military protection or peacekeeping",
    "123": "reject request or demand for political reform", "1231": "change in leadership", "1232": "policy change",
    "1233": "rights", "1234": "change in institutions, regime", "124": "refuse to yield",
    "1241": "refuse to ease administrative sanctions", "1242": "refuse to ease popular dissent",
    "1243": "refuse to release persons or property", "1244": "refuse to ease economic sanctions, boycott, or embargo",
    "1245": "refuse to allow international involvement", "1246": "refuse to de-escalate military engagement",
    "125": "reject proposal to meet, discuss, or negotiate", "126": "reject mediation",
    "127": "reject plan, agreement to settle dispute", "128": "defy norms, law", "129": "veto",
    "13": "threaten", "130": "threaten", "131": "threaten non-force", "1311": "threaten to reduce or stop aid",
    "1312": "threaten to boycott, embargo, or sanction", "1313": "threaten to reduce or break relations",
    "132": "threaten with administrative sanctions", "1321": "threaten to impose restrictions on political freedoms",
    "1322": "threaten to ban political parties or politicians", "1323": "threaten to impose curfew",
    "1324": "threaten to impose state of emergency or martial law", "133": "threaten political dissent, protest",
    "134": "threaten to halt negotiations", "135": "threaten to halt mediation",
    "136": "threaten to halt international involvement", "137": "threaten with repression",
    "138": "threaten to use military force", "1381": "threaten blockade", "1382": "threaten occupation",
    "1383": "threaten unconventional violence", "1384": "threaten conventional attack", "1385": "threaten attack with WMD",
    "139": "give ultimatum",
    "14": "protest", "140": "engage in political dissent", "141": "demonstrate or rally", "1411": "for leadership change",
    "1412": "for policy change", "1413": "for rights", "1414": "for change in institutions, regime",
    "142": "conduct hunger strike", "1421": "for leadership change", "1422": "for policy change", "1423": "for rights",
    "1424": "for change in institutions, regime", "143": "conduct strike or boycott", "1431": "for leadership change",
    "1432": "for policy change", "1433": "for rights", "1434": "for change in institutions, regime",
    "144": "obstruct passage, block", "1441": "for leadership change", "1442": "for policy change", "1443": "for rights",
    "1444": "for change in institutions, regime", "145": "protest violently, riot", "1451": "for leadership change",
    "1452": "for policy change", "1453": "for rights", "1454": "for change in institutions, regime",
    "15": "exhibit force posture", "150": "demonstrate military or police power", "151": "increase police alert status",
    "152": "increase military alert status", "153": "mobilize or increase police power",
    "154": "mobilize or increase armed forces",
    "16": "reduce relations", "160": "reduce relations", "161": "reduce or break diplomatic relations",
    "162": "reduce or stop material aid", "1621": "economic assistance", "1622": "military assistance",
    "1623": "humanitarian assistance", "163": "impose embargo, boycott, or sanctions", "164": "halt negotiations",
    "165": "halt mediation", "166": "expel or withdraw", "1661": "expel or withdraw peacekeepers",
    "1662": "expel or withdraw inspectors, observers", "1663": "expel or withdraw aid agencies",
    "17": "coerce", "170": "coerce", "171": "seize or damage property", "1711": "confiscate property",
    "1712": "destroy property", "172": "impose administrative sanctions",
    "1721": "impose restrictions on political freedoms", "1722": "ban political parties or politicians",
    "1723": "impose curfew", "1724": "impose state of emergency or martial law",
    "173": "arrest, detain, or charge with legal action", "174": "expel or deport individuals",
    "175": "use tactics of violent repression", "176": "attack cybernetically",
    "18": "assault", "180": "use unconventional violence", "181": "abduct, hijack, or take hostage",
    "182": "physically assault", "1821": "sexually assault", "1822": "torture", "1823": "kill by physical assault",
    "183": "conduct suicide, car, or other non-military bombing", "1831": "carry out suicide bombing",
    "1832": "carry out vehicular bombing", "1833": "carry out roadside bombing", "1834": "carry out location bombing",
    "184": "use as human shield", "185": "attempt to assassinate", "186": "assassinate",
    "19": "fight", "190": "use conventional military force", "191": "impose blockade, restrict movement",
    "192": "occupy territory", "193": "fight with small arms and light weapons", "194": "fight with artillery and tanks",
    "195": "employ aerial weapons", "1951": "employ precision-guided aerial munitions",
    "1952": "employ remotely piloted aerial munitions", "196": "violate ceasefire",
    "20": "engage in unconventional mass violence", "200": "use unconventional mass violence",
    "201": "engage in mass expulsion", "202": "engage in mass killings", "203": "engage in ethnic cleansing",
    "204": "use weapons of mass destruction", "2041": "use chemical, biological, or radiological weapons",
    "2042": "detonate nuclear weapons",
}

#: three-letter CAMEO agent codes (sectors, religions, orientations); compound codes concatenate them
AGENT_CODES = frozenset({
    "GOV", "MIL", "COP", "REB", "OPP", "JUD", "LEG", "MED", "BUS", "REF", "CVL", "EDU", "HLH", "LAB", "NGO", "IGO",
    "SPY", "CRM", "UAF", "ELI", "AGR", "DEV", "ENV", "HRI", "PTY", "MOD", "RAD", "REL", "MUS", "CHR", "JEW", "HIN",
    "BUD", "SHI", "SUN", "CTH", "PRO", "ORT",
})

#: words after the head of a French noun phrase that stop plural agreement ("chef de l'état")
STOP_WORDS = frozenset({"de", "du", "des", "d'", "à", "au", "aux", "en", "la", "le", "les", "l'", "pour", "contre",
                        "sur", "avec", "non"})
#: French nouns and adjectives in -al, -eu, -ou, -ail whose plural is not the rule's
PLURAL_EXCEPTIONS = {"bal": "bals", "festival": "festivals", "naval": "navals", "final": "finals", "fatal": "fatals",
                     "bleu": "bleus", "pneu": "pneus", "travail": "travaux", "bijou": "bijoux", "caillou": "cailloux",
                     "chou": "choux", "genou": "genoux", "hibou": "hiboux", "joujou": "joujoux", "pou": "poux",
                     "œil": "yeux"}
#: Verb∋Net pronominal members are written "réunir se", "entretenir s'"
VERBENET_CLITICS = ("se", "s'")


class LexiconError(ValueError):
    """The curated source is inconsistent (or disagrees with Verb∋Net); the message says where."""


# --------------------------------------------------------------------------------------------- pure core

def dump_json(obj: Any) -> str:
    """The one canonical JSON form of the generated files: sorted keys, one-space indent, UTF-8."""
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def parse_verb(text: str) -> tuple[str, tuple[str, ...]]:
    """A verb as written in a dictionary -> (lemma, clitics).

    >>> parse_verb("s'en prendre"), parse_verb("se rendre"), parse_verb("s'entretenir"), parse_verb("tuer")
    (('prendre', ('se', 'en')), ('rendre', ('se',)), ('entretenir', ('se',)), ('tuer', ()))
    """
    text = " ".join(text.replace("\u2019", "'").split())
    if text.startswith("s'en "):
        return text[5:], ("se", "en")
    if text.startswith("se "):
        return text[3:], ("se",)
    if text.startswith("s'"):
        return text[2:], ("se",)
    return text, ()


def verb_text(lemma: str, clitics: Iterable[str] = ()) -> str:
    """(lemma, clitics) -> the verb as written: the inverse of :func:`parse_verb`."""
    clitics = tuple(clitics)
    if clitics == ("se", "en"):
        return f"s'en {lemma}"
    if clitics == ("se",):
        return f"s'{lemma}" if lemma[0] in "aàâeéèêiîïoôuûy" else f"se {lemma}"  # no elision before h: se heurter
    return lemma


def verbenet_member(name: str) -> str:
    """A Verb∋Net member ("réunir se", "entretenir s'", "tuer") as written in a dictionary."""
    words = name.split()
    if len(words) == 2 and words[1] in VERBENET_CLITICS:
        return verb_text(words[0], ("se",))
    return " ".join(words)


def french_plural_word(word: str) -> str:
    """Plural of one French noun or adjective by the regular rules (-s, -x, -z invariable; -al, -eau, -eu...)."""
    if word in PLURAL_EXCEPTIONS:
        return PLURAL_EXCEPTIONS[word]
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    if word.endswith(("eau", "au", "eu")):
        return word + "x"
    return word + "s"


def french_plural(phrase: str) -> str:
    """Plural of a French noun phrase: the head and the words agreeing with it, up to a preposition.

    >>> french_plural("groupe armé"), french_plural("chef d'entreprise"), french_plural("premier ministre")
    ('groupes armés', "chefs d'entreprise", 'premiers ministres')
    """
    words = phrase.split()
    out, agreeing = [], True
    for word in words:
        if word in STOP_WORDS or "'" in word:
            agreeing = False
        if not agreeing:
            out.append(word)
        elif "-" in word:  # ex-président -> ex-présidents; irregular compounds give their plural
            first, _, last = word.rpartition("-")
            out.append(f"{first}-{french_plural_word(last)}")
        else:
            out.append(french_plural_word(word))
    return " ".join(out)


def parse_prep(text: str) -> dict[str, str | None]:
    """'contre' -> the phrase must be there and is the target; 'en cause' -> 'en' with the noun 'cause'."""
    prep, _, obj = text.partition(" ")
    return {"prep": prep, "object": obj or None}


def render_pattern(pattern: Mapping[str, Any]) -> str:
    """A pattern in PETRARCH's notation, for traceability: ``- * plainte (contre) [115]``."""
    parts = ["-"]
    if pattern.get("subject"):
        parts.append(pattern["subject"])
    parts.append("*")
    if pattern.get("particle"):
        parts.append(pattern["particle"])
    if pattern.get("object"):
        parts.append(pattern["object"])
    for p in pattern.get("preps", []):
        parts.append(f"({p['prep']} {p['object']})" if p["object"] else f"({p['prep']})")
    parts.append(f"[{pattern['code'] or '---'}]")
    return " ".join(parts)


def check_code(code: Any, where: str) -> str | None:
    """``code`` when it is null or a CAMEO 1.1b3 event code, else :class:`LexiconError`."""
    if code is None:
        return None
    if not isinstance(code, str) or len(code) < 3 or code not in CAMEO_CODES:
        raise LexiconError(f"{where}: {code!r} is not a CAMEO 1.1b3 event code (3 or 4 digits, as a string)")
    return code


def _check_spec(spec: str | None, nouns: Mapping[str, Any], where: str) -> None:
    if spec is None:
        return
    if spec.startswith("&"):
        if spec[1:] not in nouns:
            raise LexiconError(f"{where}: unknown noun synset {spec!r}")
    elif " " in spec or spec != spec.lower():
        raise LexiconError(f"{where}: noun spec {spec!r} must be one lowercase word or a '&synset'")


def expand_pattern(pattern: Mapping[str, Any], nouns: Mapping[str, Any], where: str) -> dict[str, Any]:
    """A curated pattern -> the README's full form (every field present, ``text`` rendered).

    The target defaults to the one preposition whose noun is open ('porter plainte contre X' -> prep:contre).
    """
    unknown = set(pattern) - {"subject", "object", "preps", "target", "code"}
    if unknown:
        raise LexiconError(f"{where}: unknown pattern fields {sorted(unknown)}")
    preps = [parse_prep(p) for p in pattern.get("preps", [])]
    for spec in [pattern.get("subject"), pattern.get("object")] + [p["object"] for p in preps]:
        _check_spec(spec, nouns, where)
    open_preps = [p["prep"] for p in preps if p["object"] is None]
    target = pattern.get("target")
    if target is None and len(open_preps) == 1:
        target = f"prep:{open_preps[0]}"
    if target is not None and target != "obj" and target.removeprefix("prep:") not in [p["prep"] for p in preps]:
        raise LexiconError(f"{where}: target {target!r} is not an argument of the pattern")
    out = {"subject": pattern.get("subject"), "particle": None, "object": pattern.get("object"), "preps": preps,
           "target": target, "code": check_code(pattern.get("code"), where)}
    if not (out["object"] or preps or out["subject"]):
        raise LexiconError(f"{where}: a pattern needs a subject, an object or a preposition")
    out["text"] = render_pattern(out)
    return out


def _verb_decision(value: Any, synset: str, code: str | None, where: str) -> tuple[str, str | None]:
    """A class 'keep' value or a synset verb value -> (synset, code)."""
    if value is None:
        return synset, code
    if isinstance(value, str):
        return synset, check_code(value, where)
    if isinstance(value, dict) and set(value) <= {"synset", "code", "note"} and "code" in value:
        return value.get("synset", synset), check_code(value["code"], where)
    raise LexiconError(f"{where}: expected null, a code or {{code[, synset, note]}}, got {value!r}")


def resolve_verbs(source: Mapping[str, Any], members: Mapping[str, list[str]]) -> list[dict[str, Any]]:
    """The curated synsets and the Verb∋Net class table -> one record per verb (lemma + clitics).

    ``members``: Verb∋Net class id -> its members as written in a dictionary (:func:`verbenet_member`).
    A member of a mapped class that the table neither keeps nor drops (and that no 'others' covers) is an
    error, as is a class kept member that disagrees with the curated synsets, a verb in two synsets, or
    an excluded verb kept anywhere.
    """
    synsets, excluded = source["synsets"], source.get("excluded_verbs", {})
    records: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}
    for name, block in synsets.items():
        block_code = check_code(block.get("code"), f"synset {name}")
        for text, value in block["verbs"].items():
            key = parse_verb(text)
            where = f"synset {name}, verb {text!r}"
            if key in records:
                raise LexiconError(f"{where}: already in synset {records[key]['synset']!r}")
            if text in excluded:
                raise LexiconError(f"{where}: listed in excluded_verbs ({excluded[text]})")
            synset, code = _verb_decision(value, name, block_code, where)
            if synset != name:
                raise LexiconError(f"{where}: a synset's verb cannot name another synset")
            records[key] = {"lemma": key[0], "clitics": key[1], "code": code, "synset": name, "verbenet": []}
    from_classes: dict[tuple[str, tuple[str, ...]], list[tuple[str, str, str | None]]] = {}
    for cid, entry in source["verbenet_classes"].items():
        if cid not in members:
            raise LexiconError(f"verbenet_classes: {cid!r} is not a Verb∋Net class")
        if entry["synset"] not in synsets:
            raise LexiconError(f"verbenet_classes {cid}: unknown synset {entry['synset']!r}")
        class_code = check_code(entry.get("code"), f"verbenet_classes {cid}")
        have = {parse_verb(m): m for m in members[cid]}
        keep, drop = entry.get("keep", {}), entry.get("drop", {})
        for text in list(keep) + list(drop):
            if parse_verb(text) not in have:
                raise LexiconError(f"verbenet_classes {cid}: {text!r} is not a member of the class")
        decided = {parse_verb(t) for t in list(keep) + list(drop)}
        undecided = sorted(m for k, m in have.items() if k not in decided)
        if undecided and not entry.get("others"):
            raise LexiconError(f"verbenet_classes {cid}: members neither kept nor dropped: {', '.join(undecided)}")
        for text, value in keep.items():
            where = f"verbenet_classes {cid}, {text!r}"
            if text in excluded:
                raise LexiconError(f"{where}: listed in excluded_verbs ({excluded[text]})")
            synset, code = _verb_decision(value, entry["synset"], class_code, where)
            if synset not in synsets:
                raise LexiconError(f"{where}: unknown synset {synset!r}")
            from_classes.setdefault(parse_verb(text), []).append((cid, synset, code))
    for key, decisions in from_classes.items():
        text = verb_text(*key)
        if key in records:
            rec = records[key]
            for cid, synset, code in decisions:
                if (synset, code) != (rec["synset"], rec["code"]):
                    raise LexiconError(f"verbenet_classes {cid}, {text!r}: kept as {synset}/{code} but curated "
                                       f"as {rec['synset']}/{rec['code']}")
        else:
            if len({(s, c) for _, s, c in decisions}) > 1:
                raise LexiconError(f"{text!r}: Verb∋Net classes disagree: {decisions}")
            _, synset, code = decisions[0]
            rec = records[key] = {"lemma": key[0], "clitics": key[1], "code": code, "synset": synset, "verbenet": []}
        rec["verbenet"] = sorted({cid for cid, _, _ in decisions})
    return [records[k] for k in sorted(records)]


def generate_cameo(source: Mapping[str, Any], members: Mapping[str, list[str]],
                   meta: Mapping[str, str]) -> dict[str, Any]:
    """The French ``cameo.json`` document (README format) from the source and Verb∋Net's members."""
    nouns = source["nouns"]
    synsets = {}
    for name, block in source["synsets"].items():
        patterns = [expand_pattern(p, nouns, f"synset {name}, pattern {i}") for i, p in enumerate(block["patterns"])]
        synsets[name] = {"code": check_code(block.get("code"), f"synset {name}"), "patterns": patterns}
    verbs = []
    for rec in resolve_verbs(source, members):
        block = synsets[rec["synset"]]
        if rec["code"] is None and not any(p["code"] for p in block["patterns"]):
            raise LexiconError(f"verb {verb_text(rec['lemma'], rec['clitics'])!r} codes nothing: no code and its "
                               f"synset {rec['synset']!r} has no coded pattern")
        out = {"lemma": rec["lemma"], "code": rec["code"], "synset": rec["synset"]}
        if rec["clitics"]:
            out["clitics"] = list(rec["clitics"])
        if rec["verbenet"]:
            out["verbenet"] = rec["verbenet"]
        verbs.append(out)
    event_nouns = []
    for lemma, value in source["event_nouns"].items():
        value = value if isinstance(value, dict) else {"code": value}
        code = check_code(value["code"], f"event noun {lemma!r}")
        if code is None:
            raise LexiconError(f"event noun {lemma!r} has no code")
        entry = {"lemma": lemma, "code": code}
        if " " in lemma:
            head = value.get("head")
            if head not in lemma.replace("'", " ").split():
                raise LexiconError(f"event noun {lemma!r}: multi-word nouns need their head word, got {head!r}")
            entry["head"] = head
        event_nouns.append(entry)
    return {
        "_comment": "kg's French CAMEO event lexicon, generated by scripts/build_french_lexicon.py from "
                    "ontologies/lexicon/fr/cameo.source.json and Verb∋Net: do not edit, edit the source and rerun. "
                    "Format: ontologies/lexicon/README.md.",
        "_source": meta["source"],
        "_licence": meta["cameo_licence"],
        "lang": "fr",
        "nouns": {name: sorted(phrases) for name, phrases in sorted(nouns.items())},
        "verbs": verbs,
        "synsets": synsets,
        "event_nouns": sorted(event_nouns, key=lambda e: e["lemma"]),
    }


def check_agent_code(code: str, where: str) -> str:
    """``code`` when it is one or more concatenated CAMEO agent codes (GOV, GOVMIL, UAFMUS...)."""
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if not code or len(code) % 3 or any(c not in AGENT_CODES for c in chunks):
        raise LexiconError(f"{where}: {code!r} is not a CAMEO agent code")
    return code


def generate_agents(source: Mapping[str, Any], meta: Mapping[str, str]) -> dict[str, Any]:
    """The French ``agents.json`` document: one entry per (phrase, code), plurals computed."""
    agents, seen = [], set()
    for code, entries in source["agents"].items():
        check_agent_code(code, f"agents {code}")
        for entry in entries:
            where = f"agents {code}, {entry.get('phrase')!r}"
            unknown = set(entry) - {"phrase", "en", "person", "head", "plural", "plural_only", "feminine"}
            if unknown:
                raise LexiconError(f"{where}: unknown fields {sorted(unknown)}")
            phrase = entry["phrase"]
            if phrase != " ".join(phrase.lower().split()) or not entry.get("en"):
                raise LexiconError(f"{where}: phrase must be lowercase single-spaced, with an 'en' translation")
            if (phrase, code) in seen:
                raise LexiconError(f"{where}: duplicate")
            seen.add((phrase, code))
            head = entry.get("head", phrase.split()[0])
            if head not in phrase.split():
                raise LexiconError(f"{where}: head {head!r} is not a word of the phrase")
            out = {"phrase": phrase, "head": head, "code": code, "person": bool(entry.get("person", False)),
                   "en": entry["en"]}
            if entry.get("plural_only"):
                if "plural" in entry:
                    raise LexiconError(f"{where}: a plural_only phrase has no separate plural")
                out["plural_only"] = True
            else:
                plural = entry.get("plural") or french_plural(phrase)
                if plural != phrase + "s":
                    out["plural"] = plural
            if entry.get("feminine"):
                out["feminine"] = entry["feminine"]
            agents.append(out)
    return {
        "_comment": "kg's French agent nouns with their CAMEO agent codes, generated by "
                    "scripts/build_french_lexicon.py from ontologies/lexicon/fr/cameo.source.json: do not edit. "
                    "Format: ontologies/lexicon/README.md.",
        "_source": "ontologies/lexicon/fr/cameo.source.json (hand-written French phrases; codes as in CAMEO and "
                   "PETRARCH-2's Phoenix.agents.txt)",
        "_licence": meta["agents_licence"],
        "lang": "fr",
        "agents": sorted(agents, key=lambda a: (a["phrase"], a["code"])),
    }


def summarize(cameo: Mapping[str, Any], agents: Mapping[str, Any]) -> dict[str, Any]:
    """Counts for the log and the review: verbs, patterns, nouns by CAMEO root, agents by code."""
    roots: dict[str, Counter] = {}
    patterns = [p for s in cameo["synsets"].values() for p in s["patterns"]]
    for kind, codes in (("verbs", [v["code"] for v in cameo["verbs"]]), ("patterns", [p["code"] for p in patterns]),
                        ("event_nouns", [n["code"] for n in cameo["event_nouns"]])):
        for code in codes:
            if code:
                roots.setdefault(code[:2], Counter())[kind] += 1
    return {
        "verbs": len(cameo["verbs"]), "coded_verbs": sum(1 for v in cameo["verbs"] if v["code"]),
        "verbenet_verbs": sum(1 for v in cameo["verbs"] if v.get("verbenet")),
        "pronominal_verbs": sum(1 for v in cameo["verbs"] if v.get("clitics")),
        "synsets": len(cameo["synsets"]), "patterns": len(patterns), "event_nouns": len(cameo["event_nouns"]),
        "noun_synsets": len(cameo["nouns"]), "agents": len(agents["agents"]),
        "by_root": {r: dict(c) for r, c in sorted(roots.items())},
        "agents_by_code": dict(sorted(Counter(a["code"] for a in agents["agents"]).items())),
    }


# --------------------------------------------------------------------------------------------- I/O edges

def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise LexiconError(f"duplicate keys {duplicates} (JSON keeps only the last one)")
    return dict(pairs)


def read_source(path: Path = SOURCE) -> dict[str, Any]:
    """Read the curated source; a key written twice in one object is an error, not a silent overwrite."""
    with path.open(encoding="utf-8") as handle:
        return json.load(handle, object_pairs_hook=_no_duplicate_keys)


def read_verbenet() -> tuple[dict[str, list[str]], dict[str, str]]:
    """Verb∋Net's members by class id (as written in a dictionary) and its version and licence."""
    from importlib import metadata

    import verbenet  # build-time input only: kg reads the generated JSON

    members = {}
    for top in verbenet.load():
        for cls in verbenet.walk(top):
            members[cls["id"]] = sorted({verbenet_member(m) for m in cls["members"]})
    info = metadata.metadata("verbenet")
    meta = {"data_version": verbenet.__version__, "package_version": metadata.version("verbenet"),
            "licence": info.get("License-Expression") or info.get("License") or "unknown"}
    return members, meta


def build_meta(verbenet_meta: Mapping[str, str]) -> dict[str, str]:
    """The ``_source`` and ``_licence`` notes of the generated files."""
    vn = (f"Verb∋Net {verbenet_meta['data_version']} (PyPI package verbenet {verbenet_meta['package_version']}, "
          f"licence {verbenet_meta['licence']}; Pradet, Danlos and de Chalendar, LREC 2014, revised by Lapalme and "
          f"L'Homme)")
    return {
        "source": f"ontologies/lexicon/fr/cameo.source.json (curated) and {vn}",
        "cameo_licence": f"The verbs taken from Verb∋Net's classes (those with a 'verbenet' field) come from Verb∋Net, "
                         f"{verbenet_meta['licence']} (https://creativecommons.org/licenses/by-sa/4.0/); as an "
                         f"adaptation this file is shared under the same licence. The curated additions "
                         f"(synsets, patterns, nouns) are kg's own.",
        "agents_licence": "Hand-written for kg (MIT, like kg); no third-party data.",
    }


def generate(source_path: Path = SOURCE) -> tuple[dict[str, str], dict[str, Any]]:
    """File name -> canonical JSON text of every generated file, and the summary."""
    members, vn_meta = read_verbenet()
    source, meta = read_source(source_path), build_meta(vn_meta)
    cameo, agents = generate_cameo(source, members, meta), generate_agents(source, meta)
    return {"cameo.json": dump_json(cameo), "agents.json": dump_json(agents)}, summarize(cameo, agents)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (default: %(default)s)")
    parser.add_argument("--source", type=Path, default=SOURCE, help="curated source (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare with the files in --out, write nothing")
    parser.add_argument("--stats", action="store_true", help="print counts by CAMEO root and agent code")
    args = parser.parse_args(argv)
    try:
        texts, summary = generate(args.source)
    except ImportError as exc:
        print(f"build_french_lexicon: Verb∋Net is not installed ({exc}): pip install verbenet==1.0.0", file=sys.stderr)
        return 2
    except LexiconError as exc:
        print(f"build_french_lexicon: {args.source}: {exc}", file=sys.stderr)
        return 2
    if args.check:
        stale = [name for name, text in texts.items()
                 if not (args.out / name).is_file() or (args.out / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{args.out / name} is out of date: run scripts/build_french_lexicon.py", file=sys.stderr)
        return 1 if stale else 0
    for name, text in texts.items():
        write_atomic(args.out / name, text)
    print(f"wrote {args.out / 'cameo.json'}: {summary['verbs']} verbs ({summary['verbenet_verbs']} from Verb∋Net, "
          f"{summary['pronominal_verbs']} pronominal), {summary['synsets']} synsets, {summary['patterns']} patterns, "
          f"{summary['event_nouns']} event nouns, {summary['noun_synsets']} noun synsets")
    print(f"wrote {args.out / 'agents.json'}: {summary['agents']} agent nouns, {len(summary['agents_by_code'])} codes")
    if args.stats:
        print(json.dumps({k: summary[k] for k in ("by_root", "agents_by_code")}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

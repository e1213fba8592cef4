"""The English CAMEO lexicons: the PETRARCH-2 parsers on hand-written snippets, and the generated files."""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "build_cameo_lexicon.py"
LEXICON = REPO / "ontologies" / "lexicon"
PETRARCH = REPO.parent / "shared" / "lexicons" / "petrarch2"
CODE = re.compile(r"\d{3,4}")


def _load():
    spec = importlib.util.spec_from_file_location("build_cameo_lexicon", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


build = _load()


@pytest.fixture(scope="module")
def cameo() -> dict:
    return json.loads((LEXICON / "en" / "cameo.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def agents() -> dict:
    return json.loads((LEXICON / "en" / "agents.json").read_text(encoding="utf-8"))


# --- codes, block headers, verbs --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("042", ("042", None)),
    ("1122", ("1122", None)),
    ("---", (None, None)),
    ("042:043", ("042", "043")),
    ("050:050", ("050", "050")),
    (":173", (None, "173")),
])
def test_codes(text, expected):
    assert build.parse_code(text) == expected


@pytest.mark.parametrize("text", ["080!", "42", "---:043", ":", "abc", "042:04x"])
def test_malformed_codes_are_refused(text):
    with pytest.raises(ValueError, match="malformed CAMEO code"):
        build.parse_code(text)


def test_block_headers():
    assert build.parse_block_header("---  ACCUSE   [112]  ---") == ("accuse", "112", None)
    assert build.parse_block_header("---  ACCELERATE   [---]  ---") == ("accelerate", None, None)
    assert build.parse_block_header("---  OFFEND   [:110]  ---") == ("offend", None, "110")
    assert build.parse_block_header("---  DISGRACE   [110]---  ---") == ("disgrace", "110", None)
    with pytest.raises(ValueError, match="malformed verb block header"):
        build.parse_block_header("---  ACCUSE  ---")


@pytest.mark.parametrize("line, expected", [
    ("ACCUSE", {"lemma": "accuse"}),
    ("ASK     [020]", {"lemma": "ask", "code": "020"}),
    ("SPEED {SPEEDING SPEEDS SPED }", {"lemma": "speed", "forms": ["speeding", "speeds", "sped"]}),
    ("CONFER {CONFERS CONFERRED CONFERRING } [040:040]  ",
     {"lemma": "confer", "forms": ["confers", "conferred", "conferring"], "code": "040",
      "reverse_code": "040"}),
    ("+BEEF_UP  [174]", {"lemma": "beef", "particle": "up", "code": "174"}),
    ("+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF +CORDONING_OFF}",
     {"lemma": "cordon", "particle": "off", "forms": ["cordoned", "cordons", "cordoning"]}),
    ("WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED  WIRE_+TAPPING }",
     {"lemma": "tap", "prefix": "wire", "forms": ["taps", "tapped", "tapping"]}),
    ("+LIVE_UP_TO ", {"lemma": "live", "particle": "up to"}),
    ("+ANGERED_BY {}", {"lemma": "angered", "particle": "by", "forms": []}),
    ("+IS_DETERMINED {+WAS_DETERMINED , +BE_DETERMINED} [030]",
     {"lemma": "is", "particle": "determined", "forms": ["was", "be"], "code": "030"}),
    ("SCRAP {SCRAPPING SCRAPS SCRAPPED };shan   8/30/93",
     {"lemma": "scrap", "forms": ["scrapping", "scraps", "scrapped"]}),
    ("RECONVENE[---]", {"lemma": "reconvene", "code": None}),
    ("BASE  # shan   9/27/93", {"lemma": "base"}),
])
def test_verb_lines(line, expected):
    assert build.parse_verb(line) == expected


@pytest.mark.parametrize("line, message", [
    ("+WIRE_TAP {+WIRE_TAPS}", "does not have the words"),
    ("BEEF_UP", "exactly one word marked"),
    ("+BEEF_+UP", "exactly one word marked"),
    ("ASK [02]", "malformed CAMEO code"),
])
def test_malformed_verb_lines_are_refused(line, message):
    with pytest.raises(ValueError, match=message):
        build.parse_verb(line)


# --- patterns ----------------------------------------------------------------------------------------------

SYNSETS = {"military", "weapon", "treaty", "negotiator", "aircraft"}


def one(line: str) -> dict:
    patterns = build.parse_pattern(line, SYNSETS)
    assert len(patterns) == 1
    return patterns[0]


def test_pattern_with_a_braced_phrase_in_a_prepositional_phrase():
    p = one("- * (OF {RIGHTS ABUSE}) [1122] # ACCUSE")
    assert p == {"subject": None, "particle": None, "object": None,
                 "preps": [{"prep": "of", "object": "rights abuse"}], "target": None, "code": "1122",
                 "text": "- * (OF {RIGHTS ABUSE}) [1122] # ACCUSE"}


def test_pattern_parts():
    p = one("-  &MILITARY * {MOCK ATTACKS} (ALONG BORDER)    [062:062]     # STAGE")
    assert (p["subject"], p["object"], p["preps"]) == ("&military", "mock attacks",
                                                       [{"prep": "along", "object": "border"}])
    assert (p["code"], p["reverse_code"], p["text"]) == ("062", "062", "-  &MILITARY * {MOCK ATTACKS} (ALONG "
                                                         "BORDER)    [062:062]     # STAGE")
    assert one("- * {&MILITARY AID}  [0232]")["object"] == "&military aid"
    assert one("- * {AIR_STRIKE}  [013]")["object"] == "air strike"
    assert one("- * POLICE (TO BORDER) [153]")["object"] == "police"


def test_pattern_codes():
    assert one("- * INCIDENTS   [---]  # AVOID")["code"] is None
    p = one("- * (BEFORE COURT)  [:173]  # APPEAR")
    assert (p["code"], p["reverse_code"]) == (None, "173")
    assert "reverse_code" not in one("- * AID [070]")


def test_pattern_particles():
    p = one("- * FORWARD {PEACE PLAN}  [027]  # PUT")
    assert (p["particle"], p["object"]) == ("forward", "peace plan")
    p = one("- * OFF (FROM ^)   [042]  # SET")
    assert (p["particle"], p["preps"], p["skip"], p["target"]) == ("off", [{"prep": "from", "object": None}],
                                                                   ["prep:from"], None)
    assert one("- * ON TRIP [042]")["particle"] == "on"
    p = one("- * MINISTER OUT  [161]  # FORCE")
    assert (p["particle"], p["object"]) == ("out", "minister")


def test_pattern_markers():
    p = one("- * (TO {BANNED PARTIES}) $   [1722]  # ADD")
    assert (p["source"], p["target"]) == ("obj", None)
    p = one("- * &MILITARY (TO +) (IN $)   [154]")
    assert (p["target"], p["source"]) == ("prep:to", "prep:in")
    assert one("- + * ROCKET  [193]")["target"] == "subject"
    assert one("- * (INTO + POSIT)  [192]")["preps"] == [{"prep": "into", "object": "posit"}]
    assert one("- % &AIRCRAFT *  [062:062]")["compound"] == "subject"
    assert one("- * CLAIM (AGAINST) +  [115]")["target"] == "prep:against"
    assert one("- * +  [111]")["target"] == "obj"


def test_tabari_style_patterns():
    p = one("- * FROM $ TO +  [0311]  # TRADE")
    assert (p["preps"], p["source"], p["target"]) == (
        [{"prep": "from", "object": None}, {"prep": "to", "object": None}], "prep:from", "prep:to")
    p = one("- * ATTACK ON +   [112]")
    assert (p["object"], p["preps"], p["target"]) == ("attack", [{"prep": "on", "object": None}], "prep:on")
    assert one("- * MASSIVE LOSSES [111]")["object"] == "massive losses"


def test_alternatives_give_one_pattern_each():
    patterns = build.parse_pattern("- * (BY/WITH &WEAPON)   [194]", SYNSETS)
    assert [p["preps"] for p in patterns] == [[{"prep": "by", "object": "&weapon"}],
                                              [{"prep": "with", "object": "&weapon"}]]
    assert {p["text"] for p in patterns} == {"- * (BY/WITH &WEAPON)   [194]"}
    assert len(build.parse_pattern("- * (IN AIR ATTACK/BOMBING/RAID) [195]", SYNSETS)) == 3


@pytest.mark.parametrize("line, message", [
    ("- * VENTURE (WITH VISIT)    VISIT)[042:043]", "unbalanced"),
    ("- * (IN &WEATHER) [---]", "undefined noun synset &WEATHER"),
    ("- * DOWN (FROM)   [080!]", "malformed CAMEO code"),
    ("- * ATTACK", "no \\[CODE\\]"),
    ("- ATTACK [190]", "exactly one '\\*'"),
    ("- DELIVERY (OF &FOOD) * $   [073]", "prepositional phrase before the verb"),
    ("- * {A (B)} [010]", "nested"),
    ("- * + (TO +) [010]", "more than one target"),
])
def test_unreadable_patterns_are_refused(line, message):
    with pytest.raises(ValueError, match=message):
        build.parse_pattern(line, {"food"})


# --- a whole verb dictionary --------------------------------------------------------------------------------

VERBS = """\
# The MIT License (MIT)
#
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted ...
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

&WEAPON
+GUN
+ROCKET_PROPELLED_GRENADE
+GUN
+KNIFE_

&AUXVERB1_
+WAS

---  VISIT   [042:043]  ---
VISIT
TOUR [042]
GREET
GREET [050]
- * (TO &WEAPON)      [042:043]   # VISIT
- * (TO &WEAPON)      [042:043]   # VISIT
- * ( BROKEN          [042]
- * {ARMS SHIPMENT}   [072]

---  ACCUSE   [112]  ---
ACCUSE
+BEEF_UP
- * (OF {RIGHTS ABUSE})   [1122]  # ACCUSE
~ a (a b ATTACK) SAY = a b 015
"""


def test_verb_dictionary():
    read = build.parse_verb_dictionary(VERBS, "test.verbs")
    assert read.nouns == {"weapon": ["gun", "rocket propelled grenade", "knife"], "auxverb1": ["was"]}
    assert read.verbs == [
        {"lemma": "visit", "code": "042", "reverse_code": "043", "code_from": "block", "synset": "visit"},
        {"lemma": "tour", "code": "042", "synset": "visit"},
        {"lemma": "greet", "code": "050", "synset": "visit"},
        {"lemma": "accuse", "code": "112", "code_from": "block", "synset": "accuse"},
        {"lemma": "beef", "particle": "up", "code": "112", "code_from": "block", "synset": "accuse"},
    ]
    assert read.synsets["visit"]["code"] == "042" and read.synsets["visit"]["reverse_code"] == "043"
    assert [p["object"] or p["preps"][0]["object"] for p in read.synsets["visit"]["patterns"]] == [
        "&weapon", "arms shipment"]
    assert read.synsets["accuse"]["patterns"][0]["code"] == "1122"
    assert (read.pattern_lines, read.patterns_skipped, read.duplicate_patterns, read.transformations) == (
        5, 1, 1, 1)
    [problem] = read.problems
    assert (problem.file, problem.line, problem.action) == ("test.verbs", 24, "skipped")
    assert "unclosed" in str(problem)


def test_a_verb_listed_twice_in_a_block_with_two_codes_is_reported():
    text = "---  A  [010]  ---\nGREET [050]\nGREET {GREETS} [051]\n"
    read = build.parse_verb_dictionary(text, "test.verbs")
    assert read.verbs == [{"lemma": "greet", "code": "050", "synset": "a"}]
    assert [(p.line, p.reason) for p in read.problems] == [
        (3, "verb listed twice in its block with two codes")]


@pytest.mark.parametrize("text, message", [
    ("ACCUSE\n", "test.verbs, line 1: verb line before the first verb block"),
    ("---  A  [010]  ---\n- * X [010]\n&WEAPON\n", "line 3: noun synset after the first verb block"),
    ("&WEAPON\nGUN\n", "line 2: noun synset &WEAPON line does not start with '\\+'"),
    ("---  A  [010]  ---\n---  A  [020]  ---\n", "line 2: second verb block named 'a'"),
    ("---  A  ---\n", "line 1: malformed verb block header"),
])
def test_verb_dictionary_structure_errors_name_file_and_line(text, message):
    with pytest.raises(build.DictionaryError, match=message):
        build.parse_verb_dictionary(text, "test.verbs")


def test_licence_notice():
    notice = build.licence_notice(VERBS, "test.verbs")
    assert notice.startswith("The MIT License (MIT)\n\nCopyright (c) 2015 Open Event Data Alliance\n")
    assert notice.endswith("DEALINGS IN THE SOFTWARE.\n")
    with pytest.raises(build.DictionaryError, match="test.verbs: no MIT licence notice"):
        build.licence_notice("# nothing here\n", "test.verbs")


# --- agents ------------------------------------------------------------------------------------------------

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES

POLICE!PERSON!  [~COP]
FEDERAL_POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG] # mj 05 Jan 2006
!MINIST! OF_DEFENCE [~GOVMIL]
REBEL [~REB]
HUMAN_RIGHTS_BODY  [NGO~] # BNL 07 Dec 2001
!MINIST! FOR_TERRITORIAL_AD!MINIST!RATION [~GOV]
ISLAMIC_EXTREMIST
DEPARMENT_OF_ENVIRONMENT [~ENV}
REBEL [~REB]
"""


def test_agent_dictionary():
    agents, problems = build.parse_agent_dictionary(AGENTS, "test.agents")
    by_phrase = {a["phrase"]: a for a in agents}
    assert [a["phrase"] for a in agents][:5] == ["policeman", "policewoman", "policeperson", "federal police",
                                                 "attorney general"]
    assert by_phrase["policeman"] == {"phrase": "policeman", "head": "policeman", "code": "COP",
                                      "person": True, "en": "policeman", "plural": "policemen"}
    assert by_phrase["policeperson"]["plural"] is None
    assert by_phrase["federal police"] == {"phrase": "federal police", "head": "police", "code": "COP",
                                           "person": False, "en": "federal police", "plural": None}
    assert by_phrase["attorney general"]["plural"] == "attorneys general"
    assert by_phrase["minister of defence"] == {
        "phrase": "minister of defence", "head": "minister", "code": "GOVMIL", "person": True,
        "en": "minister of defence", "plural": "ministers of defence"}
    assert by_phrase["ministry of defence"]["head"] == "ministry"
    assert by_phrase["ministry of defence"]["person"] is False
    assert by_phrase["rebel"] == {"phrase": "rebel", "head": "rebel", "code": "REB", "person": True,
                                  "en": "rebel"}
    assert by_phrase["human rights body"]["code"] == "NGO"
    assert by_phrase["human rights body"]["code_first"] is True
    assert "minister for territorial administration" in by_phrase
    assert [a["phrase"] for a in agents].count("rebel") == 1
    assert [(p.line, p.action) for p in problems] == [(10, "repaired"), (11, "skipped"), (12, "skipped")]
    assert str(problems[1]).startswith("test.agents:11: skipped: malformed agent line")


@pytest.mark.parametrize("words, head", [
    ("ministry of defence", "ministry"),
    ("editor in chief", "editor"),
    ("riot police", "police"),
    ("charge d'affaires", "charge"),
    ("lieutentant (jg)", "lieutentant"),
    ("soldiers, along with their families", "soldiers"),
])
def test_agent_heads(words, head):
    assert build.agent_head(words.split()) == head


@pytest.mark.parametrize("phrase, person", [
    ("rebel", True), ("protester", True), ("minister", True), ("soldier", True), ("policeman", True),
    ("spokesman", True), ("official", True), ("militants", True), ("suicide bomber", True),
    ("government", False), ("army", False), ("police", False), ("ministry", False), ("parliament", False),
    ("court", False), ("party", False), ("opposition", False), ("coalition", False), ("media", False),
    ("agency", False), ("f-16 jet", False), ("stealth bomber", False), ("car manufacturer", False),
])
def test_person_heuristic(phrase, person):
    words = phrase.split()
    assert build.is_person(build.agent_head(words), words) is person


def test_substitution_sets_pair_singulars_and_plurals():
    assert build.pair_forms(["MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES"]) == [
        ("MINISTER", "MINISTERS"), ("MINISTRY", "MINISTRIES")]
    assert build.pair_forms(["MAN", "MEN", "WOMAN", "WOMEN", "PERSON"]) == [
        ("MAN", "MEN"), ("WOMAN", "WOMEN"), ("PERSON", None)]


def test_agent_phrase_ending_on_a_preposition_names_the_body_alone():
    # upstream "EMBASSY_IN" stands before a country; kg's phrase is the body's own name
    (entry,) = build.parse_agent_line("CONSULATE_IN {} [~GOV]", {})
    assert (entry["phrase"], entry["en"], entry["head"]) == ("consulate", "consulate", "consulate")


@pytest.mark.parametrize("line, message", [
    ("ISLAMIC_EXTREMIST", "malformed agent line"),
    ("POLICE [COP]", "malformed agent code"),
    ("POLICE [~COP~]", "malformed agent code"),
    ("POLICE [~CO]", "malformed agent code"),
    ("!UNKNOWN!_OF_X [~GOV]", "undefined substitution marker"),
])
def test_unreadable_agent_lines_are_refused(line, message):
    with pytest.raises(ValueError, match=message):
        build.parse_agent_line(line, {})


# --- output ------------------------------------------------------------------------------------------------

def test_json_form_and_atomic_write(tmp_path):
    text = build.dump_json({"b": "é", "a": [1]})
    assert text == '{\n "a": [\n  1\n ],\n "b": "é"\n}\n'
    target = tmp_path / "sub" / "x.json"
    build.write_atomic(target, text)
    build.write_atomic(target, text)
    assert target.read_text(encoding="utf-8") == text
    assert [p.name for p in target.parent.iterdir()] == ["x.json"]


# --- the generated files ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["cameo.json", "agents.json"])
def test_generated_files_are_canonical_and_carry_their_source(name):
    text = (LEXICON / "en" / name).read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == build.dump_json(data)
    assert data["lang"] == "en"
    assert "676801c" in data["_source"] and "github.com/openeventdata/petrarch2" in data["_source"]
    assert data["_licence"].startswith("The MIT License (MIT)")
    assert "Copyright (c) 201" in data["_licence"] and "Open Event Data" in data["_licence"]
    assert "MIT" in (LEXICON / "LICENSE-petrarch2.txt").read_text(encoding="utf-8")


def _code_ok(code) -> bool:
    return code is None or bool(CODE.fullmatch(code))


def test_cameo_is_well_formed(cameo):
    assert set(cameo) == {"_comment", "_source", "_licence", "lang", "nouns", "verbs", "synsets",
                          "event_nouns"}
    assert cameo["event_nouns"] == []
    for name, words in cameo["nouns"].items():
        assert re.fullmatch(r"[a-z0-9_-]+", name) and words
        assert all(w == " ".join(w.split()) and w == w.lower() and "_" not in w for w in words), name
    for verb in cameo["verbs"]:
        assert set(verb) <= {"lemma", "particle", "prefix", "forms", "code", "reverse_code", "code_from", "synset"}, verb
        assert {"lemma", "code", "synset"} <= set(verb) and verb["synset"] in cameo["synsets"]
        assert _code_ok(verb["code"]) and _code_ok(verb.get("reverse_code")), verb
    positions = re.compile(r"subject|obj|prep:[a-z-]+")
    for name, synset in cameo["synsets"].items():
        assert set(synset) <= {"code", "reverse_code", "patterns"} and _code_ok(synset["code"]), name
        for p in synset["patterns"]:
            assert {"subject", "particle", "object", "preps", "target", "code", "text"} <= set(p), p
            assert set(p) <= {"subject", "particle", "object", "preps", "target", "code", "reverse_code",
                              "text", "source", "skip", "compound"}, p
            assert _code_ok(p["code"]) and _code_ok(p.get("reverse_code")), p
            assert all(set(prep) == {"prep", "object"} for prep in p["preps"]), p
            for field in ("target", "source", "compound"):
                assert p.get(field) is None or positions.fullmatch(p[field]), p
            for field in ("subject", "object"):
                assert p[field] is None or p[field] == p[field].lower(), p
            for ref in re.findall(r"&([a-z0-9_]+)", json.dumps([p["subject"], p["object"], p["preps"]])):
                assert ref in cameo["nouns"], p
            assert p["text"].startswith("-") and p["text"] == p["text"].strip()


def test_cameo_counts(cameo):
    patterns = [p for s in cameo["synsets"].values() for p in s["patterns"]]
    assert len(cameo["synsets"]) >= 380
    assert len(patterns) >= 4500
    assert len(cameo["verbs"]) >= 1500
    assert len(cameo["nouns"]) >= 35
    roots = Counter(p["code"][:2] for p in patterns if p["code"])
    assert set(roots) == {f"{r:02d}" for r in range(1, 21)}


def test_cameo_spot_checks(cameo):
    verbs = {}
    for verb in cameo["verbs"]:
        verbs.setdefault((verb["lemma"], verb.get("particle")), verb)
    assert verbs[("accuse", None)]["code"] == "112"
    assert verbs[("beef", "up")] == {"lemma": "beef", "particle": "up", "code": "174", "synset": "strengthen"}
    assert verbs[("speed", None)]["forms"] == ["speeding", "speeds", "sped"]
    assert cameo["synsets"]["visit"]["code"] == "042" and cameo["synsets"]["visit"]["reverse_code"] == "043"
    assert cameo["synsets"]["accelerate"]["code"] is None
    assert "truce" in cameo["nouns"]["ceasefire"] and "cease fire" in cameo["nouns"]["ceasefire"]
    [aid] = [p for p in cameo["synsets"]["accelerate"]["patterns"] if p["text"].startswith("- * AID ")]
    assert (aid["object"], aid["code"]) == ("aid", "070")


def test_agents_are_well_formed(agents):
    assert set(agents) == {"_comment", "_source", "_licence", "lang", "agents"}
    for agent in agents["agents"]:
        assert {"phrase", "head", "code", "person", "en"} <= set(agent) <= {
            "phrase", "head", "code", "person", "en", "plural", "code_first"}, agent
        assert agent["phrase"] == agent["en"] == " ".join(agent["phrase"].split()).lower()
        assert agent["head"] in agent["phrase"].replace(",", "").split(), agent
        assert re.fullmatch(r"(?:[A-Z]{3})+", agent["code"]) and isinstance(agent["person"], bool), agent
        assert agent.get("plural") is None or agent["plural"] == agent["plural"].lower()


def test_agents_counts_and_spot_checks(agents):
    entries = agents["agents"]
    assert len(entries) >= 2000
    codes = Counter(a["code"] for a in entries)
    assert codes["GOV"] > 500 and codes["MIL"] > 200 and codes["COP"] > 50
    by_phrase = {a["phrase"]: a for a in entries}
    assert (by_phrase["police"]["code"], by_phrase["police"]["person"]) == ("COP", False)
    assert (by_phrase["rebel"]["code"], by_phrase["rebel"]["person"]) == ("REB", True)
    assert by_phrase["ministry of defence"]["head"] == "ministry"
    assert by_phrase["ministry of defence"]["person"] is False
    assert by_phrase["congressman"]["plural"] == "congressmen"
    assert by_phrase["police"]["plural"] is None and "plural" not in by_phrase["rebel"]
    for phrase in ("government", "army", "parliament", "court", "ruling coalition",
                   "coalition of ruling parties", "media", "opposition party"):
        assert by_phrase[phrase]["person"] is False, phrase
    for phrase in ("protester", "minister", "soldier", "policeman", "spokesman", "government official"):
        assert by_phrase[phrase]["person"] is True, phrase


@pytest.mark.skipif(not PETRARCH.is_dir(), reason=f"the PETRARCH-2 dictionaries are not at {PETRARCH}")
def test_generated_files_are_up_to_date():
    result = subprocess.run([sys.executable, str(SCRIPT), "--check", "--source", str(PETRARCH)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not PETRARCH.is_dir(), reason=f"the PETRARCH-2 dictionaries are not at {PETRARCH}")
def test_check_mode_reports_stale_files(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "--check", "--source", str(PETRARCH),
                             "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "cameo.json is out of date" in result.stderr and not list(tmp_path.iterdir())


def test_missing_source_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "--source", str(tmp_path / "nowhere"),
                             "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "CAMEO.2.0.txt not found: pass --source DIR" in result.stderr

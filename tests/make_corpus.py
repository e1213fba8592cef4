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
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

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


if __name__ == "__main__":
    counts = write_corpus(Path(sys.argv[1]))
    print(f"{counts['documents']} documents, {counts['bad']} bad inputs written to {sys.argv[1]}")

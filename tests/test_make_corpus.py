"""The growth corpus generator of ``tests/make_corpus.py`` (used by ``benchmarks/bench_growth.py``)."""
from __future__ import annotations

from collections import Counter

import pytest
from make_corpus import FIRST_EN, FIRST_FR, PEOPLE, growth_articles, person_name, place_name

from kg.corpus import parse_jsonl_record


def _names(records) -> Counter:
    return Counter(name for r in records for name in r["names"])


def test_the_same_seed_gives_the_same_corpus_and_a_longer_one_starts_with_it():
    short = list(growth_articles(50))
    assert short == list(growth_articles(200))[:50]
    assert short != list(growth_articles(50, seed=1))
    assert len({r["id"] for r in growth_articles(200)}) == 200


def test_records_are_kg_articles_in_both_languages():
    langs = Counter()
    for i, record in enumerate(growth_articles(200)):
        doc = parse_jsonl_record({k: v for k, v in record.items() if k != "names"}, f"growth.jsonl:{i + 1}")
        assert doc.id == record["id"] and doc.lang == record["lang"]
        assert all(name in record["text"] for name in record["names"])
        langs[doc.lang] += 1
    assert langs["en"] > langs["fr"] > 20


def test_names_keep_coming_fewer_per_document_as_the_corpus_grows():
    records = list(growth_articles(4000))
    first, both = _names(records[:2000]), _names(records)
    new = len(both) - len(first)
    # Heaps' law: the second 2,000 documents bring new names, but fewer than the first 2,000 did
    assert 0.4 * len(first) < new < 0.95 * len(first)
    # Zipf's law: a few names come back all the time, most once
    counts = sorted(both.values(), reverse=True)
    assert counts[0] > 30 and sum(1 for c in counts if c == 1) > len(counts) / 2


def test_a_rank_is_always_the_same_name():
    assert person_name(7) == person_name(7) != person_name(8)
    assert person_name(7, "fr").split()[0] in FIRST_FR and person_name(7).split()[0] in FIRST_EN
    assert len({person_name(r) for r in range(0, PEOPLE, 997)}) > 490
    assert place_name(3)[:1].isupper()


@pytest.mark.model
def test_kg_finds_the_generated_names():
    from kg.pipeline import extract

    records = [r for r in growth_articles(40) if r["lang"] == "en"][:10]
    docs = [parse_jsonl_record({k: v for k, v in r.items() if k != "names"}, "growth.jsonl") for r in records]
    found = expected = 0
    for record, ex in zip(records, extract(docs)):
        labels = {e.label for e in ex.entities}
        expected += len(record["names"])
        found += sum(1 for name in record["names"] if name in labels)
    assert found >= 0.9 * expected

"""Corpus inputs: files, folders, JSONL and standard input, read lazily; no spaCy model needed."""
import io
import json

import pytest

import kg.corpus as corpus
from kg.cli import main
from kg.corpus import Skipped, count_inputs, iter_inputs, parse_jsonl_record
from kg.errors import InputError
from kg.model import Document

TEXT = "Le ministre a rencontré son homologue à Vienne pour parler de la guerre."


def test_jsonl_record_fields():
    doc = parse_jsonl_record({"id": "a-1", "text": TEXT, "lang": "fr", "url": "https://news.example/a",
                              "title": "Un titre", "published": "2024-02-03", "source": "Agence"}, "x.jsonl:1")
    # the source is where the record is (its offsets index its text); its own source is the publisher
    assert (doc.id, doc.source, doc.lang, doc.title) == ("a-1", "x.jsonl:1", "fr", "Un titre")
    assert doc.meta["url"] == "https://news.example/a" and doc.meta["date"] == "2024-02-03"
    assert doc.meta["publisher"] == "Agence"
    html = f"<html><body><article><h1>Titre</h1><p>{TEXT}</p><p>{TEXT}</p></article></body></html>"
    doc = parse_jsonl_record({"html": html, "lang": "fr"}, "x.jsonl:2")
    assert doc.id.startswith("doc-") and "Vienne" in doc.text and doc.source == "x.jsonl:2"


@pytest.mark.parametrize("record, message", [
    ([1, 2], "expected a JSON object"),
    ({"title": "t"}, "neither 'text' nor 'html'"),
    ({"text": TEXT, "id": 5}, "'id' must be a string"),
    ({"text": TEXT, "lang": "de"}, "not supported"),
    ({"text": "   ", "lang": "fr"}, "no body text"),
])
def test_bad_jsonl_records_say_what_is_wrong(record, message):
    with pytest.raises(InputError, match=message):
        parse_jsonl_record(record, "x.jsonl:1")


def test_folders_jsonl_and_bad_lines(tmp_path):
    (tmp_path / "in" / "b").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "b" / "c.md").write_text("# Titre\n\n" + TEXT, encoding="utf-8")
    (tmp_path / "in" / "b" / "notes.csv").write_text("not an article", encoding="utf-8")
    (tmp_path / "in" / "b" / "d.jsonl").write_text(
        json.dumps({"id": "j1", "text": TEXT, "lang": "fr"}) + "\n\n{oops\n" + json.dumps({"id": "j2", "text": TEXT,
                                                                                           "lang": "fr"}) + "\n")
    (tmp_path / "empty").mkdir()
    items = list(iter_inputs([str(tmp_path / "in"), str(tmp_path / "empty"), str(tmp_path / "missing.txt")],
                             lang="fr", markdown=True))
    docs = [i for i in items if isinstance(i, tuple)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.source.rsplit("/", 1)[-1] for d, _ in docs] == ["a.txt", "c.md", "d.jsonl:1", "d.jsonl:4"]
    assert [d.id for d, _ in docs][2:] == ["j1", "j2"]
    assert docs[0][1] == str(tmp_path / "in" / "a.txt") and docs[2][1] is None
    assert [s.source.rsplit("/", 1)[-1] for s in skipped] == ["d.jsonl:3", "empty", "missing.txt"]
    assert count_inputs([str(tmp_path / "in")], markdown=True) == 5  # for the progress bar: non-blank lines count
    assert count_inputs([str(tmp_path / "in")]) == 4  # without --markdown, c.md is no article
    assert [i.source.rsplit("/", 1)[-1] for i in items if isinstance(i, corpus.Ignored)] == ["notes.csv"]


def test_stdin_article_or_jsonl():
    [(doc, src)] = list(iter_inputs(["-"], lang="fr", stdin=io.StringIO(TEXT)))
    assert doc.source == "<stdin>" and src is None
    lines = "\n".join(json.dumps({"id": f"s{i}", "text": TEXT, "lang": "fr"}) for i in range(3))
    assert [d.id for d, _ in iter_inputs(["-"], stdin=io.StringIO(lines))] == ["s0", "s1", "s2"]
    [skip] = list(iter_inputs(["-"], stdin=io.StringIO("  \n")))
    assert isinstance(skip, Skipped) and "empty" in skip.reason


def test_inputs_and_extraction_are_streamed(monkeypatch):
    """However many documents come in, only a batch is held at a time."""
    pulled = []

    def endless():
        i = 0
        while True:
            pulled.append(i)
            yield (Document(id=f"d{i}", source="s", lang="fr", text="x", offsets=(0, 1)),)
            i += 1

    monkeypatch.setattr(corpus, "_extract_batch", lambda batch, conf, background=False, *a: [f"done {d.id}" for d in batch])
    stream = corpus._extract_stream(endless(), workers=1, min_confidence=0.0)
    first = next(stream)
    assert first[1] == "done d0" and len(pulled) <= corpus.BATCH


def test_build_needs_a_store_or_an_output(capsys):
    assert main(["build", "x.txt"]) != 0
    assert "--store DIR" in capsys.readouterr().err

"""kg.ingest: reading, cleaning, offsets, datelines, titles, HTML, language, errors.

The furniture and dateline examples are written for these tests; the seed article and the real corpora
are only used to check the promised end results. No spaCy model is needed.
"""
from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest

from kg import ingest
from kg.errors import InputError
from kg.ingest import (
    SUPPORTED_LANGUAGES, detect_language, document_id, extract_html, furniture_kind, parse_html, parse_text,
    read_document,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "examples" / "blinken-lavrov-vienne.fr.txt"
PAGE = DATA / "ingest" / "article.html"
SHARED = ROOT.parent / "shared"  # beside the clone, locally and in CI
FR_HTML = sorted((SHARED / "corpus" / "wikinews-fr-2012").glob("*.html"))
EN_JSONL = SHARED / "corpus" / "wikinews-en-2004.jsonl"
DEV_JSONL = DATA / "wikinews-dev.jsonl"

FR_BODY = ("Le ministre des Affaires étrangères a rencontré mardi son homologue allemand à Berlin pour "
           "préparer le prochain sommet européen consacré à l'énergie.")
EN_BODY = ("The foreign minister met his German counterpart in Berlin on Tuesday to prepare the next "
           "European summit on energy prices and supplies.")
DE_BODY = ("Der Außenminister hat am Dienstag in Berlin seinen französischen Amtskollegen getroffen, um den "
           "nächsten europäischen Gipfel über die Energiepreise vorzubereiten.")


def norm(s: str) -> str:
    """The normalisation ingest promises, written independently: to compare input and output text."""
    s = unicodedata.normalize("NFC", s)
    s = s.translate({0x2019: "'", 0x2018: "'", 0x02BC: "'", 0x00A0: " ", 0x202F: " ", 0x2009: " ",
                     0x00AD: None, 0x200B: None, 0x200D: None, 0xFEFF: None})
    return " ".join(s.split())


def body_after_title(doc) -> str:
    assert doc.title and doc.text.startswith(doc.title + "\n\n")
    return doc.text[len(doc.title) + 2:]


# ------------------------------------------------------------------------------------------------
# normalisation and offsets

ODD = ("\ufeffLa ministre l\u2019a dit\u00a0: \u00ab\u00a0nous n\u2018irons pas\u00a0\u00bb.  Le   sou\u00adtien "
       "de 10\u202f000 \u201cpersonnes\u201d reste\u200b fort.\r\n\r\nSecond paragraphe\u2009; "
       "il est l\u02bcheure, \t dit-elle.\r\nUne ligne\u00a0\u00a0suivante.\n")


def test_normalisation():
    doc = parse_text(ODD, "odd.txt", lang="fr")
    assert doc.text == (
        "La ministre l'a dit : « nous n'irons pas ». Le soutien de 10 000 “personnes” reste fort.\n\n"
        "Second paragraphe ; il est l'heure, dit-elle.\nUne ligne suivante."
    )


def test_offsets_of_replaced_and_removed_characters():
    doc = parse_text(ODD, "odd.txt", lang="fr")
    apostrophe = doc.text.index("l'a") + 1
    assert ODD[doc.offsets[apostrophe]] == "\u2019"  # replaced: keeps its original offset
    space = doc.text.index(": «") - 1
    assert ODD[doc.offsets[space]] == "\u00a0"
    soutien = doc.text.index("soutien")
    assert ODD[doc.offsets[soutien]:doc.offsets[soutien + 6] + 1] == "sou\u00adtien"  # removed: no entry
    assert "\u00ad" not in doc.text and "\u200b" not in doc.text and "\ufeff" not in doc.text
    assert doc.offsets[0] == 1  # the byte-order mark has no entry
    assert len(doc.offsets) == len(doc.text) + 1
    assert doc.offsets[-1] == len(ODD.rstrip("\n"))
    assert all(a < b for a, b in zip(doc.offsets, doc.offsets[1:]))


def test_offsets_random_spans():
    doc = parse_text(ODD, "odd.txt", lang="fr")
    rng = random.Random(7)
    for _ in range(300):
        start = rng.randrange(len(doc.text))
        end = rng.randrange(start, len(doc.text) + 1)
        a, b = doc.original_span(start, end)
        assert norm(ODD[a:b]) == norm(doc.text[start:end]), (start, end)
    for i, c in enumerate(doc.text):
        assert norm(ODD[doc.offsets[i]]) == norm(c)


def test_offsets_of_a_composed_character():
    raw = "Le cafe\u0301 de Gene\u0300ve est ouvert.\n\nIl est fermé le dimanche."
    doc = parse_text(raw, "nfd.txt", lang="fr")
    assert doc.text.startswith("Le café de Genève est ouvert.")
    e = doc.text.index("é")
    assert raw[doc.offsets[e]] == "e" and doc.offsets[e + 1] == doc.offsets[e] + 2
    assert doc.offsets[-1] == len(raw)


def test_offsets_skip_furniture():
    raw = f"Accueil > Monde > Berlin\n\n{FR_BODY}\n\nPartager\n\n{FR_BODY[:60]} suite.\n"
    doc = parse_text(raw, "x.txt", lang="fr")
    assert doc.text == f"{FR_BODY}\n\n{FR_BODY[:60]} suite."
    for start, end in [(0, 20), (len(FR_BODY) + 2, len(doc.text)), (5, len(FR_BODY))]:
        a, b = doc.original_span(start, end)
        assert raw[a:b] == doc.text[start:end]
    # the paragraph break maps to newlines of the input, around the dropped line
    assert raw[doc.offsets[len(FR_BODY)]] == "\n" and raw[doc.offsets[len(FR_BODY) + 1]] == "\n"


def test_spaces_collapse_and_paragraphs():
    doc = parse_text("Un   premier    paragraphe ici.  \n\n\n\n  Un second paragraphe.\nSa deuxième ligne.",
                     "x.txt", lang="fr")
    assert doc.text == "Un premier paragraphe ici.\n\nUn second paragraphe.\nSa deuxième ligne."


def test_quotes_are_kept():
    doc = parse_text("Il a dit « oui » et “yes”.", "x.txt", lang="fr")
    assert doc.text == "Il a dit « oui » et “yes”."


# ------------------------------------------------------------------------------------------------
# page furniture

FURNITURE = [
    # navigation and breadcrumbs
    ("Accueil Actualités Politique Le gouvernement annonce une réforme des retraites sans...", "navigation"),
    ("Home Latest news World The minister resigns after a week of…", "navigation"),
    ("Accueil > Monde > Europe", "navigation"),
    ("Home | World | Business | Sport", "navigation"),
    ("Menu", "navigation"),
    # counters and buttons
    ("0", "counter"),
    ("3 commentaires", "counter"),
    ("0 commentaire(s)", "counter"),
    ("12 comments", "counter"),
    ("Comments (4)", "counter"),
    ("Partager", "buttons"),
    ("Share", "buttons"),
    ("Tweet", "buttons"),
    ("Partager sur Facebook Twitter", "buttons"),
    ("Share | Tweet | Email", "buttons"),
    # teasers, the whole line
    ("Lire aussi : Le maire de Lyon inaugure un nouveau pont", "teaser"),
    ("À lire aussi: la chronique de la semaine", "teaser"),
    ("Voir aussi - Les chiffres du chômage", "teaser"),
    ("LIRE AUSSI Le budget adopté en première lecture", "teaser"),
    ("Read more: Oil prices climb to a two-year high", "teaser"),
    ("Read also: Storm hits the coast", "teaser"),
    ("Related: The talks in figures", "teaser"),
    ("Read more", "teaser"),
    # previous / next article links, also glued to their label
    ("Article précédentLe festival de jazz attire un public record", "prev_next"),
    ("Article suivant : La météo de la semaine", "prev_next"),
    ("Previous article Floods close the main road", "prev_next"),
    ("Next articleMarkets rally after the vote", "prev_next"),
    # copyright, cookies, newsletters
    ("© 2024 Le Journal imaginaire. Tous droits réservés.", "legal"),
    ("Copyright 2023 Example Media Group", "legal"),
    ("All rights reserved.", "legal"),
    ("Nous utilisons des cookies pour améliorer votre expérience. Accepter", "legal"),
    ("We use cookies to personalise content. By continuing to browse you agree.", "legal"),
    ("Inscrivez-vous à notre newsletter pour ne rien manquer", "legal"),
    ("Sign up for our newsletter", "legal"),
    ("* * *", "separator"),
]


@pytest.mark.parametrize("line,kind", FURNITURE)
def test_furniture_line(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize("line,kind", FURNITURE)
def test_furniture_is_removed_from_text(line, kind):
    lang = "en" if re.search(r"\b(the|and|for|our|of|to|you)\b|Share|Tweet|Read|Next|Previous|Home|comments",
                             line) else "fr"
    body = EN_BODY if lang == "en" else FR_BODY
    doc = parse_text(f"{body}\n\n{line}\n\n{body}", "x.txt", lang=lang)
    assert doc.text == f"{body}\n\n{body}"


BODY_LINES = [
    "Home Secretary Jane Smith said on Monday that the new rules would apply from April...",
    "Accueil chaleureux pour le président à Dakar, où la foule l'attendait depuis le matin...",
    "Partager les richesses est un devoir, a dit le ministre.",
    "Lire aussi le rapport publié hier ne suffit pas, selon l'opposition.",
    "Related to this, the minister said the talks would go on.",
    "Voir aussi, dans ce dossier, les pièces fournies par la défense.",
    "Next article of the treaty deals with fishing rights in the North Sea.",
    "12 000 manifestants ont défilé samedi à Paris.",
    "Copyright law reform was debated in parliament on Tuesday.",
    "The EU cookie law requires websites to ask for consent before using cookies.",
    "Monde",
    "Comment le gouvernement compte-t-il financer la réforme ?",
    "Article suivant le vote, la loi entre en vigueur demain.",
]


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_lines_are_kept(line):
    assert furniture_kind(line) is None


# ------------------------------------------------------------------------------------------------
# datelines

DATELINES = [
    ("Lyon, 3 février (Agence) – Le conseil municipal a voté le budget.",
     {"place": "Lyon", "date": "3 février", "publisher": "Agence"}, "Le conseil municipal a voté le budget."),
    ("MARSEILLE, 14 juillet (AFP) - Le préfet a interdit la manifestation.",
     {"place": "MARSEILLE", "date": "14 juillet", "publisher": "AFP"}, "Le préfet a interdit la manifestation."),
    ("Rio de Janeiro, Brésil - Le président a inauguré le stade.",
     {"place": "Rio de Janeiro", "region": "Brésil"}, "Le président a inauguré le stade."),
    ("12 mars 2013. - Le Sénat a adopté le texte en deuxième lecture.",
     {"date": "12 mars 2013"}, "Le Sénat a adopté le texte en deuxième lecture."),
    ("Le 1er mai 2014 – Les syndicats ont défilé.", {"date": "1er mai 2014"}, "Les syndicats ont défilé."),
    ("9 août 2013, Espagne. - Le gouvernement a présenté son plan.",
     {"date": "9 août 2013", "place": "Espagne"}, "Le gouvernement a présenté son plan."),
    ("5 juin 2013. - Québec - Le forum s'est ouvert lundi soir.",
     {"date": "5 juin 2013", "place": "Québec"}, "Le forum s'est ouvert lundi soir."),
    ("NAIROBI, Kenya – Rescue teams reached the village on Sunday.",
     {"place": "NAIROBI", "region": "Kenya"}, "Rescue teams reached the village on Sunday."),
    ("LONDON (Reuters) - The central bank raised its rates.",
     {"place": "LONDON", "publisher": "Reuters"}, "The central bank raised its rates."),
    ("OTTAWA — Parliament resumed on Monday.", {"place": "OTTAWA"}, "Parliament resumed on Monday."),
    ("BERLIN, Jan. 12 (AP) — The chancellor spoke to reporters.",
     {"place": "BERLIN", "date": "Jan. 12", "publisher": "AP"}, "The chancellor spoke to reporters."),
    ("March 3, Perth, Australia - The team arrived on Friday.",
     {"date": "March 3", "place": "Perth", "region": "Australia"}, "The team arrived on Friday."),
]


@pytest.mark.parametrize("raw,meta,text", DATELINES)
def test_dateline_at_paragraph_start(raw, meta, text):
    lang = "fr" if re.search(r"[éèà]|Le |Les ", text) else "en"
    doc = parse_text(raw + "\n\nUn second paragraphe suit ici.", "x.txt", lang=lang)
    assert {k: v for k, v in doc.meta.items() if k != "title"} == meta
    assert doc.text == text + "\n\nUn second paragraphe suit ici."
    assert doc.original_span(0, len(text)) == (raw.index(text), len(raw))


def test_dateline_on_its_own_line_after_a_headline():
    raw = f"Un titre sans point final\n\nToulouse, 8 avril (Agence) –\n\n{FR_BODY}\n"
    doc = parse_text(raw, "x.txt", lang="fr")
    assert doc.meta == {"place": "Toulouse", "date": "8 avril", "publisher": "Agence",
                        "title": "Un titre sans point final"}
    assert doc.text == f"Un titre sans point final\n\n{FR_BODY}"


def test_date_line_of_its_own():
    doc = parse_text(f"June 4, 2015\n\n{EN_BODY}", "x.txt", lang="en")
    assert doc.meta == {"date": "June 4, 2015"} and doc.text == EN_BODY and doc.title is None


def test_dated_dateline_after_a_lead():
    lead = "Signé en secret par vingt pays, le traité a été rejeté par les députés européens"
    doc = parse_text(f"{lead}\n\n4 juillet 2012. - {FR_BODY}", "x.txt", lang="fr")
    assert doc.meta["date"] == "4 juillet 2012"
    assert doc.text == f"{lead}\n\n{FR_BODY}"


@pytest.mark.parametrize("raw", [
    "However, Obama - who had arrived late - spoke first.",
    "Mais, dit-il - et il insiste - rien n'est joué.",
    "Saint-Denis accueille le sommet cette année.",
    "Paris est une fête, écrivait Hemingway.",
])
def test_no_dateline(raw):
    doc = parse_text(raw, "x.txt", lang="en")
    assert doc.text == raw and doc.meta == {}


def test_headline_is_not_cut_as_a_dateline():
    doc = parse_text(f"NATO – Russia talks\n\n{EN_BODY}", "x.txt", lang="en")
    assert doc.title == "NATO – Russia talks" and doc.text.startswith("NATO – Russia talks\n\n")
    assert "place" not in doc.meta


# ------------------------------------------------------------------------------------------------
# title

def test_title_kept_in_text():
    doc = parse_text(f"La ministre rencontre son homologue à Berlin\n\n{FR_BODY}", "x.txt", lang="fr")
    assert doc.title == "La ministre rencontre son homologue à Berlin"
    assert doc.meta["title"] == doc.title
    assert body_after_title(doc) == FR_BODY


@pytest.mark.parametrize("raw", [
    f"{FR_BODY}\n\n{FR_BODY}",  # a sentence, not a headline
    "Le ministre a parlé.\n\nIl a ensuite quitté la salle.",
    "Un titre tout seul",  # nothing after it
    "Qui gagnera le scrutin ?\n\nLe vote a lieu dimanche.",
    "x" * 220 + "\n\nLe vote a lieu dimanche.",
])
def test_no_title(raw):
    doc = parse_text(raw, "x.txt", lang="fr")
    assert doc.title is None and "title" not in doc.meta


def test_markdown_markup():
    raw = "# Un **grand** titre\n\nLe texte cite [le rapport](https://example.org/r) du ministère.\n"
    doc = parse_text(raw, "note.md", lang="fr")
    assert doc.title == "Un grand titre"
    assert doc.text == "Un grand titre\n\nLe texte cite le rapport du ministère."
    a, b = doc.original_span(doc.text.index("le rapport"), doc.text.index("le rapport") + 10)
    assert raw[a:b] == "le rapport"


# ------------------------------------------------------------------------------------------------
# HTML

def check_page(doc):
    assert doc.lang == "fr"
    assert doc.title.startswith("Sommet de Genève : la ministre rencontre son homologue")
    assert doc.meta["place"] == "GENÈVE" and doc.meta["publisher"] == "Agence imaginaire"
    assert "La ministre des Affaires étrangères Claire Dupont a rencontré mardi" in doc.text
    assert "aux flottes étrangères." in doc.text and "terrain d'entente" in doc.text
    for junk in ("<", "tracker", "color", "Accueil", "Tous droits", "GENÈVE"):
        assert junk not in doc.text


def test_html_page():
    doc = read_document(PAGE)
    check_page(doc)
    extracted, title = extract_html(PAGE.read_text(encoding="utf-8"))
    for i in range(0, len(doc.text), 17):  # offsets index the extracted text
        assert norm(extracted[doc.offsets[i]]) == norm(doc.text[i])


def test_html_fallback_without_trafilatura(monkeypatch):
    monkeypatch.setattr(ingest, "_trafilatura", lambda html: ([], None))
    html = PAGE.read_text(encoding="utf-8")
    extracted, title = extract_html(html)
    assert title == "Sommet de Genève : la ministre rencontre son homologue"  # the <h1>
    assert extracted.split("\n\n")[:2] == [title, "Les deux diplomates ont parlé pendant trois heures, selon "
                                                  "leurs porte-parole."]
    check_page(parse_html(html, "page.html"))


def test_html_headings_above_the_extracted_body(monkeypatch):
    # trafilatura's precision mode drops the headline and standfirst: they are put back
    html = PAGE.read_text(encoding="utf-8")
    blocks = ingest._simple_paragraphs(ingest._html_tree(html))
    paragraphs = [text for text in blocks if text.startswith(("GEN", "« N"))]
    monkeypatch.setattr(ingest, "_trafilatura", lambda html: (paragraphs, "Titre de la page"))
    extracted, title = extract_html(html)
    assert title == "Titre de la page"
    assert extracted.split("\n\n") == [
        "Sommet de Genève : la ministre rencontre son homologue",
        "Les deux diplomates ont parlé pendant trois heures, selon leurs porte-parole.",
    ] + paragraphs


def test_html_detected_by_content(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(b"\xef\xbb\xbf  " + PAGE.read_bytes())
    check_page(read_document(path))


def test_html_without_text():
    with pytest.raises(InputError, match="no article text|no body text"):
        parse_html("<html><body><nav><p>Accueil</p></nav></body></html>", "empty.html")


@pytest.mark.skipif(not FR_HTML, reason="shared/corpus not beside the repository")
def test_french_html_corpus():
    assert len(FR_HTML) == 91
    for path in FR_HTML:
        doc = read_document(path)
        assert doc.lang == "fr" and doc.text.strip(), path
        assert not re.search(r"<[a-zA-Z/!][^>]*>", doc.text), path
        assert "\u00ad" not in doc.text


# ------------------------------------------------------------------------------------------------
# the seed article and the English texts

def test_seed_article():
    doc = read_document(SEED)
    assert doc.lang == "fr" and doc.source == str(SEED)
    assert doc.title.startswith("Blinken et Lavrov concluent des entretiens « utiles et substantiels »")
    assert doc.meta["place"] == "Paris" and doc.meta["date"] == "21 janvier"
    assert doc.meta["publisher"] == "Cinktank.com"
    body = body_after_title(doc)
    assert body.startswith("Le secrétaire d'État américain Antony Blinken")
    for banned in ("Lire aussi", "Accueil", "Article précédent", "Article suivant", "UE négocie", "Real Madrid",
                   "Boris Johnson", "Cinktank", "Dernières minutes"):
        assert banned not in doc.text
    assert not re.search(r"^\d+$", doc.text, re.M)
    # every real paragraph, whole and in order: the input's paragraphs after the dateline, but the teasers
    # and the links to other articles
    raw = SEED.read_bytes().decode("utf-8").split("\n\n")
    assert raw[3].startswith("Paris, 21 janvier")
    expected = [norm(p) for p in raw[4:] if not p.startswith(("Lire aussi", "Article précédent"))]
    assert len(expected) == 10
    assert body.split("\n\n") == expected


def english_texts():
    rows = [json.loads(line) for line in DEV_JSONL.read_text(encoding="utf-8").splitlines() if line.strip()]
    if EN_JSONL.exists():
        rows += [json.loads(line) for line in EN_JSONL.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def unwiki(text: str) -> str:
    """A wiki dump's paragraph as kg reads it: link markup and template remnants gone."""
    text = re.sub(r"^byline\|date", "", text)
    return re.sub(r"\[\[?(?:[a-z]{1,3}:)?(?:[^\[\]|]+\|)?([^\[\]|]+)\]\]", r"\1", text)


def test_jsonl_texts_keep_their_text():
    rows = english_texts()
    assert len(rows) >= 6
    for row in rows:
        doc = parse_text(row["text"], row["id"])
        assert doc.lang == row["lang"], row["id"]
        kept = doc.text.split("\n")
        for paragraph in (norm(unwiki(p)) for p in row["text"].split("\n")):
            if not paragraph or paragraph in kept:
                continue
            # only a dateline may go: a date line of its own, or the start of a paragraph
            assert any(k and paragraph.endswith(k) for k in kept) or (
                doc.meta.get("date") and paragraph.startswith(doc.meta["date"])), (row["id"], paragraph)


def test_dev_dateline_prefix():
    rows = {json.loads(line)["id"]: json.loads(line) for line in DEV_JSONL.read_text(encoding="utf-8").splitlines()}
    row = rows["wikinews-fr-44532"]
    doc = parse_text(row["text"], row["id"])
    assert doc.meta["date"] == "4 juillet 2012"
    assert "4 juillet 2012. -" not in doc.text and "Après trois ans de mobilisation" in doc.text
    assert doc.text == row["text"].replace("4 juillet 2012. - ", "")


# ------------------------------------------------------------------------------------------------
# language

@pytest.mark.parametrize("text,code", [(FR_BODY, "fr"), (EN_BODY, "en"), (DE_BODY, "de")])
def test_detect_language(text, code):
    assert detect_language(text) == code
    assert detect_language(text) == code  # deterministic


def test_detect_language_without_words():
    with pytest.raises(InputError, match="--lang"):
        detect_language("12 345 - 678")


def test_language_is_detected_and_can_be_forced():
    assert parse_text(EN_BODY, "x.txt").lang == "en"
    assert parse_text(FR_BODY, "x.txt").lang == "fr"
    assert parse_text(DE_BODY, "x.txt", lang="fr").lang == "fr"  # the user overrides
    with pytest.raises(InputError, match="not supported; use fr or en"):
        parse_text(FR_BODY, "x.txt", lang="de")
    assert SUPPORTED_LANGUAGES == ("fr", "en")


# ------------------------------------------------------------------------------------------------
# document id

def test_id_is_stable_and_independent_of_the_path(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "sub.txt"
    a.write_text(f"Un titre de test\n\n{FR_BODY}", encoding="utf-8")
    b.write_text(f"\ufeffUn  titre de test\r\n\r\nPartager\r\n\r\n{FR_BODY}\r\n", encoding="utf-8")
    da, db = read_document(a), read_document(b)
    assert da.text == db.text and da.id == db.id and da.source != db.source
    assert re.fullmatch(r"doc-[0-9a-f]{16}", da.id)
    assert da.id == document_id(da.text) == parse_text(f"Un titre de test\n\n{FR_BODY}", "elsewhere").id
    assert parse_text(FR_BODY + " Fin.", "a.txt", lang="fr").id != parse_text(FR_BODY, "a.txt", lang="fr").id


# ------------------------------------------------------------------------------------------------
# read_document errors

def error(path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_document(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path):
    message = error(tmp_path / "nope.txt")
    assert "nope.txt" in message and "no such file" in message and ".html" in message


def test_directory(tmp_path):
    assert "directory" in error(tmp_path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty (0 bytes)" in error(path)


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(" \n\t\r\n\u00a0\u200b\n".encode("utf-8"))
    assert "only whitespace" in error(path)


def test_binary_files(tmp_path):
    nul = tmp_path / "data.txt"
    nul.write_bytes(b"some text\x00\x01\x02 more")
    assert "binary (NUL byte at byte offset 9)" in error(nul)
    controls = tmp_path / "controls.txt"
    controls.write_bytes(bytes(range(1, 9)) * 20 + b"abc")
    assert "binary" in error(controls) and "control bytes" in error(controls)
    pdf = tmp_path / "paper.txt"
    pdf.write_bytes(b"%PDF-1.7\n%binary")
    assert "PDF" in error(pdf)


def test_undecodable_latin1(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(f"Le ministre a parlé.\n\n{FR_BODY}".encode("latin-1"))
    message = error(path)
    assert "not valid utf-8" in message and "byte offset 18" in message and "0xe9" in message
    assert "--encoding" in message
    doc = read_document(path, encoding="latin-1")
    assert doc.text.startswith("Le ministre a parlé.") and doc.lang == "fr"
    assert "unknown encoding" in error(path, encoding="klingon-8")


def test_utf16_needs_its_encoding(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(FR_BODY.encode("utf-16"))
    assert "--encoding utf-16" in error(path)
    assert read_document(path, encoding="utf-16").text == FR_BODY


def test_german_text_is_refused(tmp_path):
    path = tmp_path / "artikel.txt"
    path.write_text(f"Außenminister in Berlin\n\n{DE_BODY}\n", encoding="utf-8")
    message = error(path)
    assert "German (de)" in message and "--lang fr" in message and "artikel.txt" in message
    assert read_document(path, lang="en").lang == "en"


def test_nothing_left_after_cleaning(tmp_path):
    path = tmp_path / "menu.txt"
    path.write_text("Accueil\n\nPartager\n\n0 commentaire\n\nLire aussi : un autre article\n", encoding="utf-8")
    message = error(path)
    assert "no body text left after cleaning" in message


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + FR_BODY.encode("utf-8"))
    doc = read_document(path)
    assert doc.text == FR_BODY and doc.offsets[0] == 1


def test_wiki_markup_is_reduced_to_its_text_with_offsets_kept():
    raw = "byline|dateThe Fed met [w:Paul Volcker|Paul Volcker]] and {{Date|2004}}[[Ottawa]] officials. A [1] stays."
    doc = parse_text(raw, source="<wiki>", lang="en")
    assert doc.text == "The Fed met Paul Volcker and Ottawa officials. A [1] stays."
    i = doc.text.index("Paul Volcker")
    start, end = doc.original_span(i, i + len("Paul Volcker"))
    assert raw[start:end] == "Paul Volcker" and raw[start - 1] == "|"  # the link's text, not its target

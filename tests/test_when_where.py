"""When and where: dates normalised from datelines and clauses, kgo:date and kgo:place on statements.

Every sentence here was written for these tests; none comes from the seed article or the dev data.
"""
import json
from datetime import date

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF

from kg.dates import FUTURE, NEAREST, PAST, iso_datatype, normalise_date, parse_iso
from kg.errors import InputError
from kg.export import entity_iri, statement_iri, to_rdf
from kg.graph import KnowledgeGraph
from kg.ingest import document_date, parse_text
from kg.merge import extraction_from_json, extraction_to_json, map_statement
from kg.model import PERSON, PLACE, Document, Entity, Provenance, Statement
from kg.propertygraph import to_property_graph
from kg.validate import validate_graph
from kg.vocab import KGO, SCHEMA

BASE = "https://kg.example.org/"
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain namespace: pytest probes module attributes
FRIDAY = date(2022, 1, 21)  # a Friday


# -- dates ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, lang, expected", [
    ("4 juillet 2012", "fr", "2012-07-04"),
    ("1er mai 2015", "fr", "2015-05-01"),
    ("mardi 3 avril 2018", "fr", "2018-04-03"),
    ("12/07/2012", "fr", "2012-07-12"),  # day first in French
    ("July 4, 2012", "en", "2012-07-04"),
    ("Monday, Jan. 5, 2015", "en", "2015-01-05"),
    ("12/07/2012", "en", "2012-12-07"),  # month first in English
    ("2012-07-04", "en", "2012-07-04"),
    ("2012-07-04T10:00:00Z", "fr", "2012-07-04"),
    ("en mars 2011", "fr", "2011-03"),  # a month named alone stays a month
    ("in 2010", "en", "2010"),
])
def test_datelines_and_calendar_dates(text, lang, expected):
    assert normalise_date(text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("21 janvier", "fr"), ("Monday, Jan. 5", "en"),  # no year: never guessed
    ("vendredi", "fr"), ("yesterday", "en"),  # relative, and no day of writing to count from
    ("", "fr"), ("le ministre", "fr"), ("the talks", "en"),
])
def test_no_date_without_what_it_needs(text, lang):
    assert normalise_date(text, lang) is None


@pytest.mark.parametrize("text, lang, direction, expected", [
    ("vendredi", "fr", PAST, "2022-01-21"),  # the day of writing itself
    ("vendredi", "fr", FUTURE, "2022-01-21"),
    ("vendredi dernier", "fr", PAST, "2022-01-14"),  # "dernier" on that very weekday: a week before
    ("ce mardi", "fr", PAST, "2022-01-18"),
    ("ce mardi", "fr", FUTURE, "2022-01-25"),
    ("mardi", "fr", NEAREST, "2022-01-18"),
    ("lundi prochain", "fr", PAST, "2022-01-24"),
    ("mercredi soir", "fr", PAST, "2022-01-19"),
    ("hier", "fr", PAST, "2022-01-20"),
    ("avant-hier", "fr", PAST, "2022-01-19"),
    ("demain", "fr", FUTURE, "2022-01-22"),
    ("aujourd'hui", "fr", PAST, "2022-01-21"),
    ("cet après-midi", "fr", PAST, "2022-01-21"),
    ("le 6 février 1998", "fr", PAST, "1998-02-06"),
    ("le 6 février", "fr", PAST, "2021-02-06"),  # the last 6 February before the day of writing
    ("le 6 février", "fr", FUTURE, "2022-02-06"),
    ("le mois prochain", "fr", FUTURE, "2022-02"),
    ("l'an dernier", "fr", PAST, "2021"),
    ("on Tuesday", "en", PAST, "2022-01-18"),
    ("on Tuesday", "en", FUTURE, "2022-01-25"),
    ("last Thursday", "en", PAST, "2022-01-20"),
    ("next Monday", "en", PAST, "2022-01-24"),
    ("Thursday morning", "en", PAST, "2022-01-20"),
    ("this morning", "en", PAST, "2022-01-21"),
    ("yesterday", "en", PAST, "2022-01-20"),
    ("two days ago", "en", PAST, "2022-01-19"),
    ("last year", "en", PAST, "2021"),
    ("next month", "en", FUTURE, "2022-02"),
])
def test_relative_words_count_from_the_day_of_writing(text, lang, direction, expected):
    assert normalise_date(text, lang, reference=FRIDAY, direction=direction) == expected


@pytest.mark.parametrize("text, lang", [
    ("la semaine prochaine", "fr"), ("next week", "en"),  # a week has no XML Schema type
    ("trois jours", "fr"), ("two weeks", "en"),  # durations
    ("la veille", "fr"), ("the next day", "en"),  # set by the narrative, not the day of writing
    ("lundi et mardi", "fr"),  # more than one day
])
def test_what_is_no_day(text, lang):
    assert normalise_date(text, lang, reference=FRIDAY, direction=PAST) is None


def test_direction_is_checked_and_helpers():
    with pytest.raises(ValueError):
        normalise_date("vendredi", "fr", FRIDAY, "sideways")
    assert parse_iso("2012-07-04T10:00:00Z") == date(2012, 7, 4) and parse_iso("4 juillet") is None
    assert [iso_datatype(v) for v in ("2012-07-04", "2012-07", "2012", "July")] == ["date", "gYearMonth", "gYear", None]


@pytest.mark.parametrize("raw, lang, expected", [
    ("PARIS, 4 juillet 2012 (AFP) - Le ministre a parlé aux députés.", "fr", date(2012, 7, 4)),
    ("WASHINGTON, July 4, 2012 (Reuters) - The minister spoke to reporters.", "en", date(2012, 7, 4)),
    ("PARIS, 21 janvier (AFP) - Le ministre a parlé aux députés.", "fr", None),
    ("Le ministre a parlé aux députés.", "fr", None),
])
def test_document_date_from_the_dateline(raw, lang, expected):
    doc = parse_text(raw, "x.txt", lang=lang)
    assert document_date(doc) == expected
    if expected is None and "janvier" in raw:
        assert doc.meta["date"] == "21 janvier"  # the metadata keeps the text as written


# -- RDF, SHACL, property graph, store ----------------------------------------------------------------
def _graph(date_value="2022-01-21", place="Vienna", place_type=PLACE) -> tuple[KnowledgeGraph, Statement]:
    kg = KnowledgeGraph()
    kg.add_document(Document("d1", "d1.txt", "en", "A met B in Vienna on Friday.", tuple(range(29)),
                             meta={"date": "January 21, 2022"}))
    kg.update([Entity("A", "A", PERSON), Entity("B", "B", PERSON), Entity(place, place, place_type)], [])
    st = Statement("A", "met", "B", Provenance("d1", "A met B in Vienna on Friday.", 0, 28), confidence=0.9,
                   date=date_value, place=place)
    kg.add_statement(st)
    return kg, st


@pytest.mark.parametrize("value, datatype", [("2022-01-21", XSD.date), ("2022-01", XSD.gYearMonth),
                                             ("2022", XSD.gYear)])
def test_rdf_date_is_typed_and_place_is_an_entity(value, datatype):
    kg, st = _graph(value)
    g = to_rdf(kg, BASE)
    node = statement_iri(BASE, st)
    assert g.value(node, KGO.date) == Literal(value, datatype=datatype)
    place = g.value(node, KGO.place)
    assert place == entity_iri(BASE, "Vienna") and (place, RDF.type, SCHEMA.Place) in g
    assert (place, RDF.type, KGO.Entity) in g
    # the statement keeps its reification: date and place are properties of the statement node
    assert g.value(node, RDF.subject) == entity_iri(BASE, "A") and g.value(node, RDF.predicate) == KGO.met
    # the document's date in words became an xsd:date
    assert g.value(URIRef(BASE + "document/d1"), URIRef("http://purl.org/dc/terms/date")) == \
        Literal("2022-01-21", datatype=XSD.date)
    report = validate_graph(g)
    assert report.conforms, report.format("g")


def test_date_and_place_do_not_change_a_statements_identity():
    _, st = _graph()
    bare = Statement(st.subject, st.relation, st.object, st.provenance, confidence=st.confidence)
    assert statement_iri(BASE, st) == statement_iri(BASE, bare)


@pytest.mark.parametrize("broken, message", [
    ("date as text", "kgo:date"), ("two dates", "kgo:date"), ("place is a person", "kgo:place"),
    ("place undescribed", "kgo:place"),
])
def test_shapes_catch_bad_dates_and_places(broken, message):
    kg, st = _graph()
    g = to_rdf(kg, BASE)
    node = statement_iri(BASE, st)
    if broken == "date as text":
        g.set((node, KGO.date, Literal("vendredi")))
    elif broken == "two dates":
        g.add((node, KGO.date, Literal("2022-01-20", datatype=XSD.date)))
    elif broken == "place is a person":
        g.set((node, KGO.place, entity_iri(BASE, "A")))
    else:
        g.set((node, KGO.place, entity_iri(BASE, "Nowhere")))
    report = validate_graph(g)
    assert not report.conforms and message in report.format("g")


def test_export_refuses_a_date_it_cannot_type():
    from kg.errors import StoreError

    kg, _ = _graph("Friday")
    with pytest.raises(StoreError, match="expected YYYY-MM-DD"):
        to_rdf(kg, BASE)


def test_property_graph_edges_carry_date_and_place():
    kg, _ = _graph()
    pg = to_property_graph(to_rdf(kg, BASE))
    (data,) = [d for _, _, d in pg.edges(data=True)]
    assert data["date"] == "2022-01-21" and data["place"] == str(entity_iri(BASE, "Vienna"))


def test_store_extraction_keeps_date_and_place():
    kg, st = _graph()
    doc = kg.documents["d1"]
    _, _, (back,) = extraction_from_json(extraction_to_json(doc, kg.entities(), [st]))
    assert (back.date, back.place) == ("2022-01-21", "Vienna")
    assert map_statement(st, {"Vienna": "Wien"}).place == "Wien"
    # a statement without them is stored as before
    plain = Statement("A", "met", "B", st.provenance)
    (stored,) = json.loads(extraction_to_json(doc, [], [plain]))["statements"]
    assert "date" not in stored and "place" not in stored


# -- kg evaluate ----------------------------------------------------------------------------------
def _gold(**extra):
    return {"id": "t", "text": "x", "entities": [{"name": "A"}, {"name": "B"}, {"name": "Vienna"}],
            "relations": [{"source": "A", "relation": "met", "target": "B", "symmetric": True, **extra}]}


@pytest.mark.parametrize("extra, counts", [
    ({"date": "2022-01-21", "place": "Vienna"}, (1, 1, 1, 1, 1, 1)),
    ({"date": "2022-01-20"}, (1, 1, 0, 0, 0, 0)),
    ({}, (0, 0, 0, 0, 0, 0)),
])
def test_evaluate_scores_dates_and_places(extra, counts):
    from kg.evaluate import score_graph

    kg, _ = _graph()
    c = score_graph(to_rdf(kg, BASE), _gold(**extra))["counts"]
    assert (c["dates"], c["dates_found"], c["dates_correct"], c["places"], c["places_found"], c["places_correct"]) == counts


@pytest.mark.parametrize("extra, message", [({"date": "Friday"}, "expected YYYY-MM-DD"),
                                            ({"place": "Atlantis"}, "not one of the record's entities")])
def test_gold_dates_and_places_are_checked(extra, message):
    from kg.evaluate import check_record

    with pytest.raises(InputError, match=message):
        check_record(_gold(**extra), "gold.jsonl, line 1")


# -- extraction (the spaCy models) ----------------------------------------------------------------
FR_LINE = "PARIS, 21 janvier 2022 (AFP) - "  # a Friday
EN_LINE = "LONDON, January 21, 2022 (Reuters) - "

CASES = [
    # (id, lang, text, (subject, relation, object), date, place)
    ("fr-weekday-and-city", "fr", FR_LINE + "Le ministre Jean Castex a rencontré vendredi à Lisbonne le Premier ministre António Costa.",
     ("Jean Castex", "met", "António Costa"), "2022-01-21", "Lisbon"),
    ("fr-last-weekday-country", "fr", FR_LINE + "Ursula von der Leyen a rencontré Volodymyr Zelensky lundi dernier en Pologne.",
     ("Ursula von der Leyen", "met", "Volodymyr Zelensky"), "2022-01-17", "Poland"),
    ("fr-future-weekday", "fr", FR_LINE + "Le président Emmanuel Macron rencontrera jeudi Olaf Scholz à Berlin.",
     ("Emmanuel Macron", "met", "Olaf Scholz"), "2022-01-27", "Berlin"),
    ("fr-full-date", "fr", FR_LINE + "Le 6 février 1998, la France a condamné l'Irak.",
     ("France", "condemned", "Iraq"), "1998-02-06", None),
    ("fr-time-word-parsed-as-object", "fr", FR_LINE + "La France a offert à la Grèce une aide financière mardi.",
     ("France", "offered", "Greece"), "2022-01-18", None),  # "à la Grèce" is a recipient, not a place
    ("fr-visit-target-is-no-place", "fr", FR_LINE + "Emmanuel Macron est arrivé lundi à Varsovie.",
     ("Emmanuel Macron", "visited", "Warsaw"), "2022-01-17", None),
    ("en-on-weekday-name-host", "en", EN_LINE + "Secretary of State Antony Blinken met Foreign Minister Sergei Lavrov in Geneva on Friday.",
     ("Antony Blinken", "met", "Sergei Lavrov"), "2022-01-21", "Geneva"),
    ("en-next-weekday", "en", EN_LINE + "Chancellor Olaf Scholz will meet President Emmanuel Macron in Paris next Tuesday.",
     ("Olaf Scholz", "met", "Emmanuel Macron"), "2022-01-25", "Paris"),
    ("en-on-monday", "en", EN_LINE + "Kenya accused Uganda on Monday of arming rebels.",
     ("Kenya", "accused", "Uganda"), "2022-01-17", None),
    ("en-summit-in-city", "en", EN_LINE + "On July 4, 2012, Germany criticised Greece at a summit in Brussels.",
     ("Germany", "criticised", "Greece"), "2012-07-04", "Brussels"),
    ("en-event-noun", "en", EN_LINE + "The two leaders, Joe Biden and Xi Jinping, held talks in Nairobi on Tuesday.",
     ("Joe Biden", "met", "Xi Jinping"), "2022-01-18", "Nairobi"),
    ("en-party-is-no-place", "en", EN_LINE + "Joe Biden met Vienna's mayor on Tuesday.",
     ("Joe Biden", "met", "Vienna"), "2022-01-18", None),
    ("en-yearless-dateline", "en", "LONDON, January 21 (Reuters) - Kenya accused Uganda on Monday of arming rebels.",
     ("Kenya", "accused", "Uganda"), None, None),
]


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_clause_date_and_place(case):
    from kg.pipeline import extract

    _, lang, text, (subj, rel, obj), when, where = case
    (ex,) = list(extract([parse_text(text, source="<test>", lang=lang)]))
    label = {e.key: e.label for e in ex.entities}
    found = [st for st in ex.statements if st.relation == rel and
             {label[st.subject], label.get(st.object)} == {subj, obj}]
    assert found, [(label[s.subject], s.relation, label.get(s.object)) for s in ex.statements]
    assert {(st.date, label.get(st.place)) for st in found} == {(when, where)}


@pytest.mark.model
def test_a_definite_event_noun_gives_its_place_to_the_event_told_before():
    from kg.pipeline import extract

    text = (FR_LINE + "Le ministre Jean Castex et le Premier ministre António Costa ont tenu des entretiens mardi.\n\n"
            "Après la réunion de Lisbonne, le ministre a quitté le Portugal.")
    (ex,) = list(extract([parse_text(text, source="<test>", lang="fr")]))
    label = {e.key: e.label for e in ex.entities}
    (met,) = [st for st in ex.statements if st.relation == "met"]
    assert (met.date, label.get(met.place)) == ("2022-01-18", "Lisbon")

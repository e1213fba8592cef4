"""ontologies/roles.json: the one list of offices, read by the lexicon (surface forms) and the gazetteer (labels)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import OntologyError
from kg.gazetteer import office_roles
from kg.lexicon import _tokens, load_lexicon
from kg.model import RELATIONS

ROLES_FILE = Path(__file__).resolve().parent.parent / "ontologies" / "roles.json"
LANGS = ("fr", "en")


@pytest.fixture(scope="module")
def roles() -> list[dict]:
    return json.loads(ROLES_FILE.read_text(encoding="utf-8"))["roles"]


@pytest.mark.parametrize("lang", LANGS)
def test_roles_load_through_the_lexicon(roles, lang):
    lex = load_lexicon(lang)
    assert [r.label for r in lex.roles] == [r["label"] for r in roles]
    by_label = {r.label: r for r in lex.roles}
    assert by_label["Prefect"].relation == "role_in" and not by_label["Prefect"].head
    assert by_label["Researcher"].relation == "member_of"
    assert by_label["Prime Minister"].head and by_label["Minister of Foreign Affairs"].head


def test_labels_are_unique_and_the_gazetteer_reads_them(roles):
    labels = [r["label"] for r in roles]
    assert len(labels) == len(set(labels))
    assert office_roles() == frozenset(labels)


@pytest.mark.parametrize("lang", LANGS)
def test_a_form_belongs_to_one_role(roles, lang):
    owner: dict[tuple[str, ...], str] = {}
    for role in roles:
        for form in role.get(lang, ()):
            tokens = _tokens(form)
            assert tokens not in owner, f"{form!r} ({lang}) is a form of {owner[tokens]} and {role['label']}"
            owner[tokens] = role["label"]


@pytest.mark.parametrize("lang", LANGS)
def test_forms_are_written_as_the_data_format_says(roles, lang):
    for role in roles:
        assert set(role) <= {"label", "relation", "head", "national", "fr", "en"}, role["label"]
        assert role["relation"] in RELATIONS and role["relation"] in ("role_in", "member_of"), role["label"]
        assert isinstance(role["head"], bool), role["label"]
        for form in role.get(lang, ()):
            assert form == form.lower() == form.strip() and "  " not in form, form
            assert "\u2019" not in form, f"{form!r}: apostrophes are straight"


@pytest.mark.parametrize("lang", LANGS)
def test_every_form_can_match(roles, lang):
    """A form is the token sequence the tokenizer makes of it, in running text (capitalised as in
    'Sen. Smith'), or it would never match: "chef d'état - major", since the hyphen is split off."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank(lang)
    for role in roles:
        for form in role.get(lang, ()):
            variants = (form, form[:1].upper() + form[1:])
            split = [tuple(t.lower_ for t in nlp(f"{v} Xyz"))[:-1] for v in variants]
            assert _tokens(form) in split, f"{form!r} ({lang}) is tokenized as {split[0]}"


@pytest.mark.parametrize("lang, text, label", [
    ("fr", "préfet", "Prefect"), ("fr", "préfet de police", "Police Chief"), ("fr", "maire", "Mayor"),
    ("fr", "maire adjoint", "Deputy Mayor"), ("fr", "député", "Member of Parliament"),
    ("fr", "eurodéputée", "Member of the European Parliament"), ("fr", "sénatrice", "Senator"),
    ("fr", "garde des sceaux", "Minister of Justice"), ("fr", "ministre de la santé", "Minister of Health"),
    ("fr", "secrétaire d'état", "Secretary of State"), ("fr", "secrétaire d'état chargée", "Junior Minister"),
    ("fr", "chercheuse", "Researcher"), ("fr", "rédactrice en chef", "Editor"), ("fr", "avocate", "Lawyer"),
    ("fr", "procureure", "Prosecutor"), ("fr", "émissaire", "Envoy"), ("fr", "chef d'état - major", "Chief of Staff"),
    ("fr", "premier secrétaire", "Leader"), ("fr", "évêque", "Bishop"), ("fr", "grand rabbin", "Rabbi"),
    ("fr", "entraîneur", "Coach"), ("fr", "joueuse", "Player"), ("fr", "directeur général", "Chief Executive Officer"),
    ("fr", "fondatrice", "Founder"), ("fr", "correspondante", "Correspondent"), ("fr", "journaliste", "Journalist"),
    ("en", "mayor", "Mayor"), ("en", "chairman", "President"), ("en", "mep", "Member of the European Parliament"),
    ("en", "sen.", "Senator"), ("en", "rep.", "Member of Parliament"),
    ("en", "justice minister", "Minister of Justice"),
    ("en", "attorney general", "Attorney General"), ("en", "chief constable", "Police Chief"),
    ("en", "special envoy", "Envoy"), ("en", "envoy", "Ambassador"), ("en", "gen.", "General"),
    ("en", "vice - president", "Vice President"), ("en", "secretary - general", "Secretary-General"),
    ("en", "chief executive", "Chief Executive Officer"), ("en", "researcher", "Researcher"), ("en", "imam", "Imam"),
])
def test_forms(lang, text, label):
    owners = [r.label for r in load_lexicon(lang).roles if _tokens(text) in r.forms]
    assert owners == [label]


def test_people_offices_need_a_role_label(tmp_path):
    from kg.gazetteer import parse_entry

    record = {"id": "person:someone", "label": "Someone", "type": "Person", "kind": "person",
              "names": {"en": ["Someone"]}, "offices": [{"role": "Tsar", "of": "country:RU", "start": 1, "end": 2}]}
    with pytest.raises(OntologyError, match=r"people.json: entry 0 \(person:someone\): role 'Tsar' is not a label of "
                                            r"roles.json"):
        parse_entry(record, Path("people.json"), 0)


def test_a_broken_role_list_is_named(tmp_path):
    broken = tmp_path / "roles.json"
    broken.write_text('{"roles": [{"relation": "role_in"}]}', encoding="utf-8")
    with pytest.raises(OntologyError, match="roles.json"):
        office_roles(broken)
    with pytest.raises(OntologyError, match="missing"):
        office_roles(tmp_path / "nothing.json")

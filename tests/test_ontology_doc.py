"""docs/ontology.md is generated from ontologies/kg.ttl and current; the ontology is bilingual."""
import subprocess
import sys
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kg.model import RELATIONS
from kg.vocab import KGO_NS, ontology

ROOT = Path(__file__).resolve().parent.parent


def test_ontology_reference_page_is_current():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "ontology_doc.py"), "--check"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_reference_page_lists_every_relation_with_its_codes():
    page = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    g = ontology()
    for r in RELATIONS:
        row = next(line for line in page.splitlines() if line.startswith(f"| `kgo:{r}` |"))
        code = g.value(URIRef(KGO_NS + r), URIRef(KGO_NS + "cameoCode"))
        assert (str(code) in row) if code else "| static" in row


def test_every_kgo_term_has_english_and_french_labels_and_comments():
    g = ontology()
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(KGO_NS)}
    for term in terms:
        for pred in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(term, pred) if isinstance(o, Literal)}
            assert {"en", "fr"} <= langs, f"{term} lacks an English or French {pred}"

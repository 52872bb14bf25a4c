"""The vocabulary of the graph: namespaces, prefixes, concept IRIs and the SKOS schemes.

The ``cg:`` terms are declared (with Vietnamese and English labels and their alignment to
FOAF, ORG, schema.org, PROV, Dublin Core and ELI) in ``ontology/cadregraph.ttl``; the
shapes the graph must conform to are in ``ontology/shapes.ttl``. The concepts of titles,
body types and document kinds are generated here from the lexicons, so the concept
schemes always match what extraction reads.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, DefinedNamespace, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from ..ontology import lexicon
from .resolve import slugify

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "cadregraph.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"

DEFAULT_BASE = "https://cadregraph.org/id/"
VI = "vi"
EN = "en"

ONTOLOGY = URIRef("https://cadregraph.org/ontology")  # the ontology, and the graph that holds it
VOCAB = Namespace("https://cadregraph.org/vocab/")
LEXICON_GRAPH = URIRef("https://cadregraph.org/vocab")  # the graph of the concepts read from the lexicons
ELI = Namespace("http://data.europa.eu/eli/ontology#")
TITLE = Namespace(VOCAB + "title/")
BODY_TYPE = Namespace(VOCAB + "body-type/")
DOCUMENT_KIND = Namespace(VOCAB + "document-kind/")
ROLE = Namespace(VOCAB + "role/")

SCHEME_TITLES = VOCAB["titles"]
SCHEME_BODY_TYPES = VOCAB["body-types"]
SCHEME_DOCUMENT_KINDS = VOCAB["document-kinds"]
SCHEME_ROLES = VOCAB["roles"]

# the kinds of id minted under the base, each with a prefix of its own
ID_KINDS = ("article", "person", "body", "post", "occupancy", "meeting", "participation", "directive",
            "statement", "evidence")


class CG(DefinedNamespace):
    """The ``cg:`` terms, closed so that a misspelt term fails instead of minting a new IRI."""

    _NS = Namespace("https://cadregraph.org/ontology#")
    _fail = True

    Meeting: URIRef
    Directive: URIRef
    Occupancy: URIRef
    Tenure: URIRef
    firstSeen: URIRef
    lastSeen: URIRef
    observations: URIRef
    Participation: URIRef
    Evidence: URIRef
    bodyType: URIRef
    post: URIRef
    meeting: URIRef
    participant: URIRef
    role: URIRef
    documentKind: URIRef
    issuer: URIRef
    implements: URIRef
    discusses: URIRef
    disseminates: URIRef
    carriesOut: URIRef
    reviews: URIRef
    mentionsDocument: URIRef
    locality: URIRef
    reportedOn: URIRef
    meetingKind: URIRef
    online: URIRef
    number: URIRef
    code: URIRef
    issuerLevel: URIRef
    term: URIRef
    quote: URIRef
    matched: URIRef
    start: URIRef
    end: URIRef
    matchStart: URIRef
    matchEnd: URIRef
    contentHash: URIRef
    sourcePath: URIRef


# how a meeting deals with a document (extraction's relation) -> the property stating it
MEETING_DOCUMENT = {
    "disseminated": CG.disseminates,
    "implemented": CG.carriesOut,
    "reviewed": CG.reviews,
    "mentioned": CG.mentionsDocument,
}

_STANDARD = (("cg", str(CG._NS)), ("cgv", str(VOCAB)), ("title", str(TITLE)), ("bodytype", str(BODY_TYPE)),
             ("doctype", str(DOCUMENT_KIND)), ("role", str(ROLE)), ("foaf", str(FOAF)), ("org", str(ORG)),
             ("schema", str(SDO)), ("dcterms", str(DCTERMS)), ("prov", str(PROV)), ("skos", str(SKOS)),
             ("eli", str(ELI)), ("owl", str(OWL)), ("rdf", str(RDF)), ("rdfs", str(RDFS)), ("xsd", str(XSD)))


def normalise_base(base: str) -> str:
    """The base as ids are minted under it: an absolute http(s) IRI ending in ``/`` or ``#``."""
    base = base.strip()
    if not base.startswith(("http://", "https://")) or any(c in base for c in ' <>"{}|\\^`'):
        raise ValueError(f"base {base!r} is not an absolute http(s) IRI")
    return base if base.endswith(("/", "#")) else base + "/"


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefix -> namespace for every vocabulary and every kind of id, in a readable order."""
    out = dict(_STANDARD)
    out.update({kind: f"{base}{kind}/" for kind in ID_KINDS})
    return out


def bind_prefixes(graph: Graph, base: str = DEFAULT_BASE) -> None:
    for prefix, ns in prefixes(base).items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)


def title_concept(title: str) -> URIRef:
    return TITLE[slugify(title)]


def body_type_concept(kind: str) -> URIRef:
    return BODY_TYPE[slugify(kind)]


def document_kind_concept(kind: str) -> URIRef:
    return DOCUMENT_KIND[slugify(kind)]


def role_concept(role: str) -> URIRef:
    return ROLE[slugify(role)]


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """``ontology/cadregraph.ttl``: the OWL ontology and the scheme of participation roles."""
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@lru_cache(maxsize=1)
def lexicon_graph() -> Graph:
    """The SKOS concepts of titles, body types and document kinds, read from the lexicons.

    Each concept has one ``skos:prefLabel`` per language (the first entry of the lexicon
    that names it) and the other forms as ``skos:altLabel``; the English glosses come from
    the lexicons' ``en`` fields. Cached, like the lexicons: callers must not change it.
    """
    g = Graph()
    titles = lexicon("titles").get("titles") or []
    _concepts(g, SCHEME_TITLES, title_concept, ((t.get("vi"), t.get("vi"), t.get("en")) for t in titles),
              extra_types=(ORG.Role,))
    _concepts(g, SCHEME_BODY_TYPES, body_type_concept, _body_kinds(lexicon("bodies")))
    kinds = lexicon("directives").get("kinds") or []
    _concepts(g, SCHEME_DOCUMENT_KINDS, document_kind_concept, ((k.get("vi"), k.get("vi"), k.get("en")) for k in kinds))
    return g


@lru_cache(maxsize=1)
def known_concepts() -> frozenset[URIRef]:
    """Every concept the ontology and the lexicons declare (others are declared where used)."""
    found = set(lexicon_graph().subjects(RDF.type, SKOS.Concept))
    found |= set(ontology_graph().subjects(RDF.type, SKOS.Concept))
    return frozenset(u for u in found if isinstance(u, URIRef))


def _body_kinds(bodies: dict) -> Iterable[tuple[str | None, str | None, str | None]]:
    """(kind, Vietnamese name, English gloss) of every head of the bodies lexicon.

    National bodies are listed by name ("Bộ Công an", kind ``bo``); when several share a
    kind, the kind is labelled with the words their names share ("Bộ", "Ministry").
    """
    for section in ("party_committees", "committee_organs", "numbered_bodies", "state_bodies"):
        for entry in bodies.get(section) or []:
            yield entry.get("kind"), entry.get("head"), entry.get("en")
    by_kind: dict[str, list[dict]] = {}
    for entry in bodies.get("central_bodies") or []:
        by_kind.setdefault(entry.get("kind"), []).append(entry)
    for kind, entries in by_kind.items():
        if len(entries) == 1:
            yield kind, entries[0].get("name"), entries[0].get("en")
        else:
            yield (kind, _shared_words([e.get("name") or "" for e in entries]),
                   _shared_words([e.get("en") or "" for e in entries]))


def _shared_words(names: list[str]) -> str | None:
    """The leading words all ``names`` share, without a dangling "of"/"and"."""
    words = [n.split() for n in names]
    shared = []
    for column in zip(*words):
        if len(set(column)) != 1:
            break
        shared.append(column[0])
    while shared and shared[-1].lower() in ("of", "and", "the", "for"):
        shared.pop()
    return " ".join(shared) or None


def _concepts(g: Graph, scheme: URIRef, mint, entries: Iterable[tuple[str | None, str | None, str | None]],
              extra_types: tuple[URIRef, ...] = ()) -> None:
    """Add a concept per distinct key: (key, Vietnamese label, English gloss) in lexicon order."""
    labelled: dict[tuple[URIRef, str], str] = {}
    for key, vi, en in entries:
        if not key or not vi:
            continue
        node = mint(key)
        g.add((node, RDF.type, SKOS.Concept))
        for t in extra_types:
            g.add((node, RDF.type, t))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, SKOS.topConceptOf, scheme))
        g.add((scheme, SKOS.hasTopConcept, node))
        for lang, text in ((VI, vi), (EN, en)):
            if not text:
                continue
            first = labelled.setdefault((node, lang), text)
            prop = SKOS.prefLabel if first == text else SKOS.altLabel
            if (node, SKOS.prefLabel, Literal(text, lang=lang)) not in g:
                g.add((node, prop, Literal(text, lang=lang)))

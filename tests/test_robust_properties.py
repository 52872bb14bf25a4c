"""Property tests of the whole pipeline: random and mutated Vietnamese text, as text and as
the bytes of a file, goes from the readers through extraction, resolution, the RDF graph
and the tables without raising (the pages are tested with hostile text in
test_robust_hostile.py); every piece of evidence in the graph lies inside
its article and quotes it exactly; and the graph always conforms to the SHACL shapes."""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, PROV, RDF

import robust_counts
from legacy_text import legacy_font, windows_1258

from cadregraph.exports.tables import write_tables
from cadregraph.graph.extract import extract
from cadregraph.graph.identity import resolve_identities
from cadregraph.graph.rdf import article_graph
from cadregraph.graph.resolve import resolve, resolve_each
from cadregraph.graph.validate import validate_graph
from cadregraph.graph.vocab import CG, lexicon_graph, ontology_graph
from cadregraph.sources.clean import prepare
from cadregraph.sources.model import RawDocument
from cadregraph.sources.readers import bundled_corpus, read_paths

pytestmark = pytest.mark.robust

BASE = "https://cadregraph.org/id/"
SEEDS = [f.read_text(encoding="utf-8") for f in sorted(bundled_corpus().glob("*.txt"))]
WORDS = ["Sáng", "6/4", "31/02", "29/02/2023", "ngày", "tháng", "năm", "2023", "1066", "2999", "đồng chí", "Nguyễn",
         "Văn", "Thị", "An", "Bình", "Cường", "Dũng", "Bí thư", "Phó Bí thư", "Thành ủy", "Tỉnh uỷ", "Huyện ủy",
         "Đảng ủy", "Ban", "Thường vụ", "UBND", "HĐND", "Kế hoạch số", "12-KH/TU", "1-2-3/NQ//TW", "35 — CT / TW",
         "Nghị quyết", "45", "của", "Bộ Chính trị", "tổ chức", "Hội nghị", "chủ trì", "dự", "phát biểu", "quán triệt",
         ",", ".", ";", ":", "–", "(", ")", "\n", "\r\n", "\t", "\u00a0", "Tin khác", "…", "Ảnh:", "Đại tá", "và",
         "thực hiện", "cùng ngày", "điểm cầu", "Chủ tịch", "Hải Phòng", "Quảng Ninh", '" } ; DROP ALL ; {',
         "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "../../etc", "\u0000", "\ufeff", "o\u0301a", "ẳ"]

word_salad = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
mutated_seed = st.tuples(st.sampled_from(SEEDS), st.floats(0, 1), st.integers(0, 200), st.text(max_size=40)).map(
    lambda t: t[0][:int(t[1] * len(t[0]))] + t[3] + t[0][int(t[1] * len(t[0])) + t[2]:])
any_text = st.one_of(word_salad, mutated_seed, st.text(max_size=400))


def _encode(text: str, how: str) -> bytes:
    if how == "utf-8":
        return text.encode("utf-8", "surrogatepass")
    if how == "utf-8-bom":
        return codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")
    if how == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass")
    if how == "windows-1258":
        return windows_1258(text)  # raises for what the code page has not: the file is then UTF-8
    return legacy_font(text, how)


files = st.tuples(any_text, st.sampled_from(["utf-8", "utf-8-bom", "utf-16", "windows-1258", "tcvn3", "vni"]),
                  st.sampled_from([".txt", ".jsonl", ".html"])).map(lambda t: (t[0], _file(t[0], t[1], t[2]), t[2]))


def _file(text: str, how: str, suffix: str) -> bytes:
    import json

    if suffix == ".jsonl":
        return (json.dumps({"id": "p", "text": text}, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")
    if suffix == ".html":
        from html import escape

        body = "".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))
        return f"<html><head><meta charset='utf-8'><title>t</title></head><body><article>{body}</article></body></html>" \
            .encode("utf-8", "surrogatepass")
    try:
        return _encode(text, how)
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _pipeline(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"p{suffix}"
    path.write_bytes(data)
    docs = [d for d in read_paths([path]) if isinstance(d, RawDocument)]
    facts = [extract(prepare(d)) for d in docs]
    identities = resolve_identities(facts)
    resolved = resolve(facts, identities)
    write_tables(resolved, folder / "tables")
    union = Graph()
    for triple in ontology_graph():
        union.add(triple)
    for triple in lexicon_graph():
        union.add(triple)
    texts = {d.article_id: d.text for d in docs}
    for view in resolve_each(facts, identities):
        ag = article_graph(view, BASE)
        _check_evidence(ag.graph, ag.iri, texts[ag.article_id])
        for triple in ag.graph:
            union.add(triple)
    _check_tables(folder / "tables", texts)
    if docs:
        result = validate_graph(union)
        assert result.conforms, result.report


def _check_evidence(g: Graph, article: URIRef, text: str) -> None:
    for evidence in g.subjects(RDF.type, CG.Evidence):
        assert g.value(evidence, PROV.entity) == article
        start, end = int(g.value(evidence, CG.start)), int(g.value(evidence, CG.end))
        m0, m1 = int(g.value(evidence, CG.matchStart)), int(g.value(evidence, CG.matchEnd))
        assert 0 <= start <= m0 <= m1 <= end <= len(text)
        assert str(g.value(evidence, CG.quote)) == text[start:end]
    for person in g.subjects(RDF.type, FOAF.Person):
        assert len(str(g.value(person, FOAF.name)).split()) <= 5  # no absurd names


def _check_tables(folder: Path, texts: dict[str, str]) -> None:
    for name in ("positions", "participation", "meeting_directives"):
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["evidence_start"]:
                    text = next(iter(texts.values())) if len(texts) == 1 else ""
                    quote = row["evidence_quote"]
                    quote = quote[1:] if quote.startswith("'") and not text[int(row["evidence_start"]):].startswith("'") else quote
                    assert text[int(row["evidence_start"]):int(row["evidence_end"])] == quote
    with (folder / "meetings.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["date"]:
                assert 1900 <= dt.date.fromisoformat(row["date"]).year < 2100


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files)
def test_any_file_goes_through_the_whole_pipeline(file):
    _, data, suffix = file
    robust_counts.add("hypothesis examples")
    with tempfile.TemporaryDirectory() as tmp:
        _pipeline(Path(tmp), data, suffix)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(SEEDS).map(lambda s: s.encode("utf-8")), st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=6)),
                                                                         max_size=6))
def test_mutated_bytes_of_real_articles(seed, edits):
    """Bytes flipped, cut and inserted anywhere in a real article: read, or skipped with a reason."""
    data = bytearray(seed)
    for where, insert in edits:
        at = int(where * len(data))
        data[at:at + len(insert)] = insert
    robust_counts.add("hypothesis examples")
    with tempfile.TemporaryDirectory() as tmp:
        _pipeline(Path(tmp), bytes(data), ".txt")

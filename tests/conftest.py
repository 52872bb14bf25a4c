"""Hand-built extraction results, so resolution and exports are tested without the extractor."""
from __future__ import annotations

import pytest

from cadregraph.graph.model import (
    ArticleFacts,
    BodyMention,
    DirectiveMention,
    Evidence,
    Meeting,
    MeetingDirective,
    Participation,
    PersonMention,
    PostMention,
)
from cadregraph.sources.model import Article

TEXT_A = (
    "Hội nghị quán triệt Quy định số 124-QĐ/TW\n"
    "Ngày 04/11/2023, Đảng ủy Khu kinh tế Hải Phòng tổ chức hội nghị quán triệt Quy định số "
    "124-QĐ/TW ngày 04/10/2023. Đồng chí Đào Phú Thùy Dương, Bí thư Đảng ủy Khu kinh tế Hải Phòng "
    "chủ trì hội nghị. Kế hoạch số 30-KH/ĐU nhằm thực hiện Quy định số 124-QĐ/TW.\n"
)
TEXT_B = (
    "Thành ủy Hải Phòng giao ban quý IV\n"
    "Ngày 20/12/2023, Thành ủy Hải Phòng tổ chức giao ban. Đồng chí Đào Phú Thùy Dương, "
    "Ủy viên Thành ủy, dự và phát biểu. Hội nghị rà soát việc thực hiện Quy định số 124-QĐ/TW.\n"
)


def article(article_id: str, text: str, **kw) -> Article:
    return Article(article_id=article_id, source_path=f"{article_id}.txt", original=text, text=text,
                   offset_map=list(range(len(text))), title=text.splitlines()[0],
                   body_start=0, body_end=len(text), **kw)


def evidence(a: Article, phrase: str) -> Evidence:
    """The sentence around the first occurrence of ``phrase``."""
    at = a.original.index(phrase)
    stop = a.original.rfind(". ", 0, at)
    start = max(stop + 2 if stop >= 0 else 0, a.original.rfind("\n", 0, at) + 1)
    end = a.original.find(".", at + len(phrase)) + 1
    return Evidence(a.article_id, start, end, a.original[start:end], at, at + len(phrase))


def facts_a() -> ArticleFacts:
    a = article("a01", TEXT_A, published="2023-11-05", authors=("Minh Châu", "Lê Hà"), locality="Hải Phòng")
    kkt = "Đảng ủy Khu kinh tế Hải Phòng"
    ev_chair = evidence(a, "chủ trì hội nghị")
    person = PersonMention("đào phú thùy dương", "Đào Phú Thùy Dương",
                           posts=[PostMention("Bí thư", kkt, f"Bí thư {kkt}", evidence(a, f"Bí thư {kkt}"))])
    q124 = DirectiveMention("Quy định|124|QĐ/TW", "Quy định", "124", "QĐ/TW", issued="2023-10-04",
                            issuer_level="central", term="XIII")
    kh30 = DirectiveMention("Kế hoạch|30|KH/ĐU", "Kế hoạch", "30", "KH/ĐU", implements=["Quy định|124|QĐ/TW"])
    meeting = Meeting("a01#m1", "hội nghị", "Hội nghị quán triệt Quy định số 124-QĐ/TW", "2023-11-04", kkt,
                      evidence(a, "tổ chức hội nghị"),
                      participants=[Participation("đào phú thùy dương", "chair", ev_chair)],
                      directives=[MeetingDirective("Quy định|124|QĐ/TW", "disseminated", evidence(a, "quán triệt"))])
    return ArticleFacts(a, people=[person], bodies=[BodyMention(kkt, kkt, "dang_uy", locality="Hải Phòng")],
                        meetings=[meeting], directives=[q124, kh30])


def facts_b() -> ArticleFacts:
    a = article("b02", TEXT_B, locality="Hải Phòng")
    tu = "Thành ủy Hải Phòng"
    person = PersonMention("đào phú thùy dương", "Đào Phú Thùy Dương",
                           posts=[PostMention("Ủy viên", tu, f"Ủy viên {tu}", evidence(a, "Ủy viên Thành ủy"))])
    # same document as in a01, stated without its issue date: a01's date must survive the merge
    q124 = DirectiveMention("Quy định|124|QĐ/TW", "Quy định", "124", "QĐ/TW", subject="về kiểm điểm")
    meeting = Meeting("b02#m1", "giao ban", "Giao ban quý IV", "2023-12-20", tu, evidence(a, "tổ chức giao ban"),
                      participants=[Participation("đào phú thùy dương", "speaker", evidence(a, "phát biểu"))],
                      directives=[MeetingDirective("Quy định|124|QĐ/TW", "reviewed", evidence(a, "rà soát"))])
    return ArticleFacts(a, people=[person], bodies=[BodyMention(tu, tu, "thanh_uy", locality="Hải Phòng")],
                        meetings=[meeting], directives=[q124])


@pytest.fixture
def two_articles() -> list[ArticleFacts]:
    return [facts_b(), facts_a()]  # deliberately not in article_id order


@pytest.fixture
def resolved(two_articles):
    from cadregraph.graph.resolve import resolve

    return resolve(two_articles)


@pytest.fixture(scope="session")
def bundled_out(tmp_path_factory):
    """The bundled sample articles built once (real extraction) with ``cadregraph build``.

    Read-only for the tests that use it: a test that changes a store builds its own.
    """
    pytest.importorskip("cadregraph.graph.extract")
    pytest.importorskip("cadregraph.sources.clean")
    from click.testing import CliRunner

    from cadregraph.cli import main

    out = tmp_path_factory.mktemp("bundled") / "out"
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out

"""The build pipeline: a pool of workers gives what one process gives; a build with nothing
changed stops at once; ids are made unique across workers in reading order."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cadregraph import pipeline
from cadregraph.pipeline import BuildOptions, build, extract_sources
from cadregraph.sources.readers import bundled_corpus

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev"


def corpus(tmp_path: Path) -> Path:
    """The bundled seeds, the dev set where it is, and two files with one article id."""
    folder = tmp_path / "in"
    shutil.copytree(bundled_corpus(), folder / "seeds")
    if DEV.is_dir():
        shutil.copytree(DEV, folder / "dev")
    first = min((folder / "seeds").glob("*.txt"))
    (folder / "zz").mkdir()
    shutil.copy(first, folder / "zz" / first.name)  # read last: becomes <id>~2
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    files = [out / "graph.ttl", *sorted((out / "tables").glob("*.csv")), *sorted((out / "texts").glob("*"))]
    return {str(f.relative_to(out)): f.read_bytes() for f in files}


def test_a_pool_of_workers_builds_what_one_process_builds(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_FILES", 3)  # many chunks, the duplicate id in a later one
    folder = corpus(tmp_path)
    one = build(BuildOptions([folder], tmp_path / "one", jobs=1))
    two = build(BuildOptions([folder], tmp_path / "two", jobs=2))
    assert (one.articles, one.people, one.meetings) == (two.articles, two.people, two.meetings)
    assert one.notes == two.notes and any("~2" in n for n in one.notes)
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")


def test_facts_come_in_reading_order_with_unique_ids(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_FILES", 2)
    folder = corpus(tmp_path)
    serial = [(f.article.article_id, f.article.content_hash, len(f.people)) for f, _ in extract_sources([folder])]
    pooled = [(f.article.article_id, f.article.content_hash, len(f.people))
              for f, _ in extract_sources([folder], jobs=2)]
    assert pooled == serial
    ids = [aid for aid, _, _ in serial]
    assert len(ids) == len(set(ids)) and ids[-1].endswith("~2")
    renamed = next(f for f, doc in extract_sources([folder]) if doc.article_id.endswith("~2"))
    evidence = [ev for m in renamed.people for ev in m.evidence]
    assert evidence and {ev.article_id for ev in evidence} == {renamed.article.article_id}


def test_a_build_with_nothing_changed_stops_at_once(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(bundled_corpus(), folder)
    out = tmp_path / "out"
    first = build(BuildOptions([folder], out, jobs=1))
    assert not first.unchanged and first.articles == 5
    stamp = (out / "graph.ttl").stat().st_mtime_ns
    again = build(BuildOptions([folder], out, jobs=1))
    assert again.unchanged and again.articles == 5
    assert (out / "graph.ttl").stat().st_mtime_ns == stamp  # nothing was written
    assert not build(BuildOptions([folder], out, jobs=1, force=True)).unchanged
    assert not build(BuildOptions([folder], out, jobs=1, locality="Hải Phòng")).unchanged  # other settings
    assert build(BuildOptions([folder], out, jobs=1, locality="Hải Phòng")).unchanged
    edited = min(folder.glob("*.txt"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = build(BuildOptions([folder], out, jobs=1, locality="Hải Phòng"))
    assert not changed.unchanged and "1 replaced" in changed.store


def test_a_missing_output_means_building_again(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(bundled_corpus(), folder)
    out = tmp_path / "out"
    build(BuildOptions([folder], out, jobs=1))
    (out / "graph.ttl").unlink()
    assert not build(BuildOptions([folder], out, jobs=1)).unchanged
    assert (out / "graph.ttl").is_file()


@pytest.mark.parametrize("jobs", [1, 2])
def test_skipped_files_are_reported_again_when_nothing_changed(tmp_path, jobs):
    folder = tmp_path / "in"
    shutil.copytree(bundled_corpus(), folder)
    (folder / "broken.txt").write_bytes(b"%PDF-1.4 not an article")
    out = tmp_path / "out"
    seen: list[str] = []
    first = build(BuildOptions([folder], out, jobs=jobs), on_skip=lambda item: seen.append(item.source_path))
    again = build(BuildOptions([folder], out, jobs=jobs), on_skip=lambda item: seen.append(item.source_path))
    assert again.unchanged and first.skipped == again.skipped and len(first.skipped) == 1
    assert seen == [str(folder / "broken.txt")] * 2

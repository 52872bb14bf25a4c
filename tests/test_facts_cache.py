"""The facts cache: a build reads and extracts only new and changed files, and builds what
a build from nothing builds."""
from __future__ import annotations

import shutil
from pathlib import Path

from cadregraph import pipeline
from cadregraph.graph.facts_cache import CACHE_FILE, FactsCache
from cadregraph.pipeline import BuildOptions, build

from .test_pipeline import DEV, corpus, outputs


def test_kept_values_come_back_in_the_order_asked(tmp_path):
    with FactsCache(tmp_path, "code-1") as cache:
        cache.put([("a", {"người": "Nguyễn Văn An"}), ("b", [1, 2]), ("c", None)])
        assert cache.present(["c", "x", "a"]) == {"a", "c"}
        assert list(cache.values(["c", "a", "b"])) == [None, {"người": "Nguyễn Văn An"}, [1, 2]]
    with FactsCache(tmp_path, "code-1", reuse=False) as forced:  # --force: nothing kept is used ...
        assert forced.present(["a", "b"]) == set()
        forced.put([("d", "Bí thư Thành ủy")])  # ... but what it extracts is kept
    with FactsCache(tmp_path, "code-1") as cache:
        assert cache.present(["a", "d"]) == {"a", "d"}
    with FactsCache(tmp_path, "code-2") as other:  # other extraction code: nothing holds
        assert other.present(["a", "b", "c", "d"]) == set()


def test_a_complete_build_drops_what_it_did_not_use(tmp_path):
    with FactsCache(tmp_path, "code") as cache:
        cache.put([(k, k) for k in "abcd"])
    cache = FactsCache(tmp_path, "code")
    list(cache.values(["a"]))
    cache.put([("e", "e")])
    cache.close()
    cache.drop_unused()
    cache.close()
    with FactsCache(tmp_path, "code") as again:
        assert again.present(list("abcde")) == {"a", "e"}


def test_keys_tell_files_apart_by_path_content_and_settings(tmp_path):
    key = FactsCache.file_key
    assert key(Path("a/x.txt"), b"1", [10, None]) == key(Path("a/x.txt"), b"1", [10, None])
    assert len({key(Path("a/x.txt"), b"1", [10, None]), key(Path("b/x.txt"), b"1", [10, None]),
                key(Path("a/x.txt"), b"2", [10, None]), key(Path("a/x.txt"), b"1", [10, "Hải Phòng"])}) == 4


def test_new_and_changed_files_are_the_only_ones_extracted(tmp_path):
    folder = corpus(tmp_path)
    files = sorted(folder.rglob("*.txt"))
    held_back = files[1::7]
    aside = tmp_path / "aside"
    aside.mkdir()
    for i, f in enumerate(held_back):
        shutil.move(f, aside / f"{i}")
    out = tmp_path / "out"
    first = build(BuildOptions([folder], out, jobs=1))
    assert first.reused == 0 and first.extracted >= first.articles
    for i, f in enumerate(held_back):
        shutil.move(aside / f"{i}", f)
    edited = next(f for f in files if f not in held_back)
    edited.write_text(edited.read_text(encoding="utf-8").replace("\n", "\n\n", 1), encoding="utf-8")

    again = build(BuildOptions([folder], out, jobs=2))
    scratch = build(BuildOptions([folder], tmp_path / "scratch", jobs=1))
    new_files = len(held_back) + 1
    assert again.reused >= len(files) - new_files
    assert new_files <= again.extracted < scratch.extracted
    assert again.notes == scratch.notes and again.skipped == scratch.skipped
    assert outputs(out) == outputs(tmp_path / "scratch")


def test_other_extraction_code_or_force_extracts_everything(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    shutil.copytree(DEV if DEV.is_dir() else corpus(tmp_path), folder)
    out = tmp_path / "out"
    first = build(BuildOptions([folder], out, jobs=1))
    assert (out / CACHE_FILE).is_file()
    forced = build(BuildOptions([folder], out, jobs=1, force=True))
    assert forced.reused == 0 and forced.extracted == first.extracted
    edited = min(folder.rglob("*.txt"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "extraction_code_digest", lambda: "other lexicons")
    other = build(BuildOptions([folder], out, jobs=1))
    assert other.reused == 0 and other.extracted == first.extracted


def test_a_file_that_changes_while_it_is_read_is_not_kept(tmp_path, monkeypatch):
    """Its facts are not those of the bytes its key was made from: kept, they would come
    back if the file returned to those bytes; and the build leaves no manifest, which
    would tell the next build with those bytes that nothing changed."""
    folder = tmp_path / "in"
    shutil.copytree(DEV if DEV.is_dir() else corpus(tmp_path), folder)
    changing = min(folder.rglob("*.txt"))
    before = changing.read_text(encoding="utf-8")
    after = before.replace("Hội nghị", "Hội thảo")
    assert after != before
    read_file = pipeline.read_file

    def read_while_edited(file, *args, **kwargs):
        if file == changing:
            file.write_text(after, encoding="utf-8")  # another program saves it as it is read
        return read_file(file, *args, **kwargs)

    monkeypatch.setattr(pipeline, "read_file", read_while_edited)
    out = tmp_path / "out"
    first = build(BuildOptions([folder], out, jobs=1))
    assert any("changed while this build read them" in n for n in first.notes)
    monkeypatch.setattr(pipeline, "read_file", read_file)
    changing.write_text(before, encoding="utf-8")  # back to the bytes hashed for the first build
    again = build(BuildOptions([folder], out, jobs=1))
    assert first.reused == 0 and again.extracted >= 1  # the changing file, extracted again
    scratch = build(BuildOptions([folder], tmp_path / "scratch", jobs=1))
    assert outputs(out) == outputs(tmp_path / "scratch")

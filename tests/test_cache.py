"""The one cache store (recast.cache.Store): checksums recorded at write and verified at read, atomic writes,
concurrent writers; and, for every user of the store, a damaged entry is recomputed, never served."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from recast.cache import RECORD_SUFFIX, Store, cache_dir, cache_key, store

DAMAGES = ["byte", "truncate"]


def _damage(entry: Path, how: str) -> None:
    """Alter one byte in the middle of the entry's (first) file, or cut it to half its length."""
    target = entry if entry.is_file() else sorted(p for p in entry.rglob("*") if p.is_file())[0]
    data = bytearray(target.read_bytes())
    mid = len(data) // 2
    if how == "byte":
        data[mid] ^= 0x01
    else:
        del data[mid:]
    target.write_bytes(bytes(data))


def _warned(err: str) -> None:
    lines = [x for x in err.splitlines() if x.startswith("recast: warning:")]
    assert len(lines) == 1 and "discarded, recomputing" in lines[0], err


# --------------------------------------------------------------------------- the store itself


def test_checksum_is_verified_on_read_even_when_the_content_still_parses(tmp_path, capsys):
    s = Store(tmp_path)
    path = s.put_json("a.json", {"limit_pb": 0.125})
    assert s.read_json("a.json") == {"limit_pb": 0.125}
    assert json.loads(path.with_name("a.json" + RECORD_SUFFIX).read_text())["files"] == {
        "": hashlib.sha256(path.read_bytes()).hexdigest()}
    path.write_text('{"limit_pb": 0.126}')  # valid JSON, same length: only the checksum can tell
    capsys.readouterr()
    assert s.read_json("a.json") is None
    err = capsys.readouterr().err
    _warned(err)
    assert "a.json changed since it was written (checksum)" in err
    assert not path.exists() and s.names() == []  # discarded with its record
    assert not path.with_name("a.json" + RECORD_SUFFIX).exists()


@pytest.mark.parametrize(("damage", "reason"), [
    (lambda e: (e / "w" / "x.json").write_text("{}"), "w/x.json changed"),
    (lambda e: (e / "w" / "x.json").unlink(), "w/x.json is missing"),
    (lambda e: (e / "extra").write_text(""), "extra was not written by recast"),
    (lambda e: e.with_name(e.name + RECORD_SUFFIX).unlink(), "it has no checksum record"),
    (lambda e: e.with_name(e.name + RECORD_SUFFIX).write_text("{tor"), "its checksum record is damaged"),
])
def test_folder_entry_problems(tmp_path, capsys, damage, reason):
    s = Store(tmp_path)

    def write(target: Path) -> None:
        (target / "w").mkdir(parents=True)
        (target / "a.json").write_text("[1]")
        (target / "w" / "x.json").write_text('{"k": 1}')

    entry = s.put("e", write)
    assert s.get("e") == entry
    damage(entry)
    assert s.get("e") is None
    err = capsys.readouterr().err
    _warned(err)
    assert reason in err and not entry.exists()


def test_missing_entry_is_a_silent_miss_and_a_content_check_discards(tmp_path, capsys):
    s = Store(tmp_path)
    assert s.get("nothing") is None and s.read_json("nothing.json") is None
    assert capsys.readouterr().err == ""
    s.put("b.txt", "not json")
    assert s.read_bytes("b.txt") == b"not json"
    assert s.read_json("b.txt") is None and "not JSON" in capsys.readouterr().err
    s.put_json("c.json", [1])
    assert s.read_json("c.json", check=lambda doc: None if isinstance(doc, dict) else "not an object") is None
    assert "(not an object)" in capsys.readouterr().err and s.names() == []


def test_a_failed_write_leaves_nothing_and_keeps_the_old_entry(tmp_path):
    s = Store(tmp_path)
    s.put_json("a.json", {"v": 1})

    def half_then_fail(target: Path) -> None:
        target.write_text('{"v": 2, "trunc')
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        s.put("a.json", half_then_fail)
    assert s.read_json("a.json") == {"v": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "a.json" + RECORD_SUFFIX]  # no temp left


def test_no_partial_entry_is_visible_during_a_write(tmp_path):
    """While a writer is half-way, a reader sees the previous entry (or none), never the half-written one."""
    s = Store(tmp_path)
    started, release, seen = threading.Event(), threading.Event(), []

    def slow(target: Path) -> None:
        target.mkdir()
        (target / "one.json").write_text('{"new": 1}')
        started.set()
        release.wait(10)
        (target / "two.json").write_text('{"new": 2}')

    writer = threading.Thread(target=s.put, args=("e", slow))
    writer.start()
    started.wait(10)
    seen.append(s.get("e"))
    seen.append(sorted(s.names()))
    release.set()
    writer.join()
    assert seen == [None, []]
    entry = s.get("e")
    assert entry is not None and sorted(p.name for p in entry.iterdir()) == ["one.json", "two.json"]


def test_two_writers_of_one_key_threads(tmp_path):
    """8 threads write the same folder entry with different content 5 times each: the entry that is left is
    one writer's, complete, and agrees with its record; nothing else is left."""
    s = Store(tmp_path)
    errors: list[BaseException] = []

    def write_as(i: int) -> None:
        def fill(target: Path) -> None:
            target.mkdir()
            for name in ("a", "b", "c"):
                (target / name).write_text(f"{i}" * 1000)

        try:
            for _ in range(5):
                s.put("same", fill)
                assert s.get("same") is not None  # every read in between is intact
        except BaseException as err:  # noqa: BLE001
            errors.append(err)

    threads = [threading.Thread(target=write_as, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    entry = s.get("same")
    assert entry is not None
    assert len({(entry / n).read_text() for n in ("a", "b", "c")}) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same", "same" + RECORD_SUFFIX]


def test_two_writers_of_one_key_processes(tmp_path):
    code = ("import sys\nfrom recast.cache import Store\ns = Store(sys.argv[1])\n"
            "for k in range(30):\n"
            "    s.put_json('k.json', {'writer': sys.argv[2], 'pad': 'x' * 20000, 'k': k})\n"
            "    assert s.read_json('k.json') is not None\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, os.fspath(tmp_path), str(i)], stderr=subprocess.PIPE)
             for i in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0 and b"warning" not in err, err.decode()
    doc = Store(tmp_path).read_json("k.json")
    assert doc["writer"] in {"0", "1", "2"} and len(doc["pad"]) == 20000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.json", "k.json" + RECORD_SUFFIX]


def test_store_lives_in_recast_cache_dir_and_rejects_bad_names(tmp_path, monkeypatch):
    monkeypatch.setenv("RECAST_CACHE_DIR", os.fspath(tmp_path / "c"))
    assert store("scan/limits").folder == tmp_path / "c" / "scan" / "limits" == cache_dir("scan/limits")
    for bad in ("", "a/b", ".hidden", "x" + RECORD_SUFFIX):
        with pytest.raises(ValueError, match="cache entry name"):
            store("x").path(bad)


def test_legacy_bare_digest_record_of_an_events_file_is_still_checked(tmp_path):
    s = Store(tmp_path)
    (tmp_path / "ev.root").write_bytes(b"root-data")
    (tmp_path / ("ev.root" + RECORD_SUFFIX)).write_text(hashlib.sha256(b"root-data").hexdigest() + "\n")
    assert s.get("ev.root") == tmp_path / "ev.root"
    (tmp_path / "ev.root").write_bytes(b"root-dat")
    assert s.get("ev.root") is None


# --------------------------------------------------------------------------- every user of the store


@pytest.mark.parametrize("how", DAMAGES)
def test_limits_entry(tmp_path, monkeypatch, capsys, how):
    from test_bad_input import _canned_limits

    from recast.chain import cached_limits

    calls: list = []
    _canned_limits(monkeypatch, calls)
    kw = {"lumi_fb": 139.0, "masses": [1000.0, 1500.0], "progress": False}
    first = cached_limits("S3", **kw)
    assert cached_limits("S3", **kw)[2] and len(calls) == 1
    (entry,) = [p for p in store("limits").folder.iterdir() if p.is_dir()]
    _damage(entry / "limits.json", how)
    capsys.readouterr()
    result, _, from_cache = cached_limits("S3", out=tmp_path / "out", **kw)
    _warned(capsys.readouterr().err)
    assert not from_cache and len(calls) == 2 and result.to_json() == first[0].to_json()
    assert json.loads((tmp_path / "out" / "limits.json").read_text()) == first[0].to_json()
    assert cached_limits("S3", **kw)[2]


@pytest.mark.parametrize("how", DAMAGES)
def test_smelli_entry(monkeypatch, capsys, how):
    from test_smelli import _fake_compute

    import recast
    from recast.lowenergy import smelli as sm

    monkeypatch.setattr(sm, "smelli_versions", lambda: {"smelli": "2.4.3", "flavio": "2.7.1", "wilson": "2.5.2"})
    calls: list = []
    monkeypatch.setattr(sm, "_compute", _fake_compute(calls))
    s3 = recast.model("S3")
    first = sm.smelli_likelihood(s3)
    (name,) = store("smelli").names()
    _damage(store("smelli").path(name), how)
    capsys.readouterr()
    again = sm.smelli_likelihood(s3)
    _warned(capsys.readouterr().err)
    assert not again.cached and len(calls) == 2 and again.delta_chi2 == first.delta_chi2
    assert sm.smelli_likelihood(s3).cached and len(calls) == 2


@pytest.mark.parametrize("how", DAMAGES)
def test_generated_events_entry(tmp_path, monkeypatch, capsys, how):
    import importlib

    from test_bad_input import _canned_zprime

    from recast.io import read_events
    from recast.models import get_model

    gen = importlib.import_module("recast.events.generate")  # the module (recast.events.generate is the function)
    calls = _canned_zprime(monkeypatch, tmp_path, 100)
    model = get_model("B-3Lmu", mass=2000.0)
    first = gen.generate(model, n_events=100, seed=1, progress=False)
    assert gen.generate(model, n_events=100, seed=1, progress=False) == first and len(calls) == 1
    _damage(first, how)
    capsys.readouterr()
    again = gen.generate(model, n_events=100, seed=1, progress=False)
    _warned(capsys.readouterr().err)
    assert again == first and len(calls) == 2 and len(read_events(again)) == 100


@pytest.mark.parametrize("how", DAMAGES)
def test_converted_events_entry(capsys, how):
    from test_generator_files import PY_HEPMC

    from recast.events import files
    from recast.io import read_metadata

    first = files.convert(PY_HEPMC, progress=False)
    stamp = first.stat().st_mtime_ns
    _damage(first, how)
    capsys.readouterr()
    again = files.convert(PY_HEPMC, progress=False)
    _warned(capsys.readouterr().err)
    assert again == first and first.stat().st_mtime_ns != stamp  # converted again
    assert read_metadata(again)["n_events"] == 20


@pytest.fixture
def narrow_reference(monkeypatch):
    """The stub narrow Z' reference signal of test_scan_zprime (no Pythia)."""
    from test_scan_zprime import NarrowReference

    from recast.scan import runner, searches

    monkeypatch.setattr(runner, "GeneratedReference", NarrowReference)
    monkeypatch.setattr(searches, "GeneratedReference", NarrowReference)


def _scan(**kw):
    from recast.scan import run_scan, scan_models

    models = scan_models("Zp", ids=["A0001", "A0214"])
    return run_scan(models, [1000.0, 2000.0], gx=0.02, fit="2021", method="asymptotic", scheduler="synchronous",
                    **kw)


@pytest.mark.parametrize("how", DAMAGES)
def test_scan_point_shard(capsys, narrow_reference, how):
    from recast.scan.runner import point_store

    first = _scan(batch_size=2)
    points = point_store(gx=0.02, fit="2021")
    assert len(points.names()) == 2
    _damage(points.path(points.names()[0]), how)
    capsys.readouterr()
    again = _scan()
    _warned(capsys.readouterr().err)
    assert (again.cached, again.computed) == (2, 2) and again.points == first.points


@pytest.mark.parametrize("how", DAMAGES)
def test_scan_search_limit_entry(capsys, monkeypatch, narrow_reference, how):
    from test_bad_input import _counted_search_limits

    calls = _counted_search_limits(monkeypatch)
    first = _scan()
    limits = store("scan/limits")
    _damage(limits.path(limits.names()[0]), how)
    for name in store("scan/points").folder.rglob("*.json"):  # the points are re-evaluated with the limits
        name.unlink()
    capsys.readouterr()
    again = _scan()
    _warned(capsys.readouterr().err)
    assert len(calls) == 3 and again.points == first.points and again.limits == first.limits


@pytest.mark.parametrize("how", DAMAGES)
def test_plane_shard(capsys, how):
    from recast.scan.plane import parse_plane, run_plane

    axes = parse_plane("y_bmu=0.1:0.4:2,y_smu=0.1:0.4:2", "S3")
    first = run_plane("S3", axes, [1600.0], jobs=1, analyses=["lq_mumujj"])
    (folder,) = store("scan/plane").folder.iterdir()
    shards = Store(folder)
    _damage(shards.path(shards.names()[0]), how)
    capsys.readouterr()
    again = run_plane("S3", axes, [1600.0], jobs=1, analyses=["lq_mumujj"])
    _warned(capsys.readouterr().err)
    assert again.computed >= 1 and again.cached + again.computed == first.distinct
    assert [r["cls_exp"] for r in again.rows] == [r["cls_exp"] for r in first.rows]


@pytest.mark.parametrize("how", DAMAGES)
def test_effmaps_point(tmp_path, monkeypatch, capsys, how):
    """scripts/lq_mumujj/make_maps.py keeps every generated point in the store (or a --workdir one)."""
    import numpy as np

    import recast.events
    from recast.effmaps.channels import possible_pairs
    from scripts.lq_mumujj import make_maps

    calls: list = []
    monkeypatch.setattr(recast.events, "generate_arrays", lambda *_a, **_k: (None, {"xsec_pb": 0.5}))
    monkeypatch.setattr(make_maps, "_analysis_efficiencies",
                        lambda ana, ev: (calls.append(ana.id), ({"sr": np.array([0.25, 0.5])}, [["sr", 1]]))[1])
    spec = next(iter(possible_pairs(("mu", "nu")).values()))
    ana = type("A", (), {"id": "lq_mumujj"})()
    kw = {"events": 10, "seed": 1, "jobs": 1, "analyses": [ana], "fingerprints": {}}
    for workdir in (None, os.fspath(tmp_path / "work")):
        calls.clear()
        first, _ = make_maps._point(spec, 1000.0, workdir=workdir, **kw)
        points = Store(workdir) if workdir else store("effmaps")
        (name,) = points.names()
        _damage(points.path(name), how)
        capsys.readouterr()
        again, _ = make_maps._point(spec, 1000.0, workdir=workdir, **kw)
        _warned(capsys.readouterr().err)
        assert calls == ["lq_mumujj", "lq_mumujj"] and again["__lo_xsec_pb"] == first["__lo_xsec_pb"] == 0.5
        assert make_maps._point(spec, 1000.0, workdir=workdir, **kw)[0]["lq_mumujj"]["sr"].tolist() == [0.25, 0.5]
        assert len(calls) == 2


def test_shards_merge_and_a_damaged_shard_is_left_out(tmp_path, capsys):
    s = Store(tmp_path)
    first = s.put_shard("fits", {"k1": {"cls": 0.5}, "k2": {"cls": 0.1}})
    s.put_shard("fits", {"k3": {"cls": 0.9}})
    assert first.name == f"{cache_key(['k1', 'k2'])}.json"
    assert s.merged("fits") == {"k1": {"cls": 0.5}, "k2": {"cls": 0.1}, "k3": {"cls": 0.9}}
    s.put_json("other.json", {"points": {}})  # not a shard of fits
    _damage(first, "truncate")
    capsys.readouterr()
    assert s.merged("fits") == {"k3": {"cls": 0.9}}
    err = capsys.readouterr().err
    assert err.count("recast: warning:") == 2 and "not a shard of fits" in err

"""Pagefind's service fed as one stream: every record indexed, and a Pagefind that fails or stops is
an error, not a wait."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from generator.site.indexer import Indexer, write_index
from generator.site.search import BROAD_WORDS, INDEX_DIR, Record


def _records(n: int) -> list[Record]:
    return [Record(f"/companies/c{i}/", f"Company {i}", f"Kashgar Yarn {i} · 喀什纱线{i}有限公司", "Company",
                   {"country": ("China (CN)",)}) for i in range(n)]


def _entry(site: Path) -> dict:
    return json.loads((site / INDEX_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_every_record_is_indexed_those_added_before_and_after_the_start(tmp_path):
    with Indexer(broad_at=3) as indexer:
        indexer.add(_records(5))
        indexer.start()
        indexer.add([Record("/about/", "About", "A registry of disclosures")])
        assert indexer.write(tmp_path) == 6
    assert sum(lang["page_count"] for lang in _entry(tmp_path)["languages"].values()) == 6
    fragments = list((tmp_path / INDEX_DIR / "fragment").glob("*.pf_fragment"))
    assert len(fragments) == 6
    assert "kashgar" in json.loads((tmp_path / INDEX_DIR / BROAD_WORDS).read_text(encoding="utf-8"))
    assert not (tmp_path / INDEX_DIR / "pagefind-ui.js").exists()


def test_the_same_records_give_the_same_fragments(tmp_path):
    write_index(_records(20), tmp_path / "a")
    write_index(_records(20), tmp_path / "b")
    names = {p.name: p.read_bytes() for p in (tmp_path / "a" / INDEX_DIR / "fragment").iterdir()}
    again = {p.name: p.read_bytes() for p in (tmp_path / "b" / INDEX_DIR / "fragment").iterdir()}
    assert names == again and len(names) == 20


def _fake_pagefind(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "pagefind"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.mark.parametrize("body", ["exit 3", "head -c 10 >/dev/null; exit 0", "printf 'bm90IGpzb24=,'; cat >/dev/null",
                                  "printf 'WzFd,'; cat >/dev/null"])
def test_a_pagefind_that_stops_or_answers_nonsense_fails_the_index_without_waiting(tmp_path, monkeypatch, body):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_fake_pagefind(tmp_path, body)))
    with pytest.raises(RuntimeError):
        write_index(_records(50), tmp_path / "site")


def test_an_error_pagefind_answers_fails_the_index(tmp_path, monkeypatch):
    # base64 of {"message_id": 1, "payload": {"type": "Error", "message": "bad request"}}
    answer = "eyJtZXNzYWdlX2lkIjogMSwgInBheWxvYWQiOiB7InR5cGUiOiAiRXJyb3IiLCAibWVzc2FnZSI6ICJiYWQgcmVxdWVzdCJ9fQ=="
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_fake_pagefind(tmp_path, f"printf '{answer},'; cat >/dev/null")))
    with pytest.raises(RuntimeError, match="bad request"):
        write_index(_records(5), tmp_path / "site")


def test_a_missing_pagefind_is_an_os_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "absent"))
    with pytest.raises(OSError):
        write_index(_records(1), tmp_path / "site")


def test_an_index_given_up_leaves_no_process_and_no_scratch(tmp_path):
    indexer = Indexer()
    indexer.add(_records(200))
    indexer.start()
    pids = [p.pid for p in indexer.processes]
    indexer.close()
    assert not indexer.scratch.exists()
    for pid in pids:   # reaped: no such process left
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)

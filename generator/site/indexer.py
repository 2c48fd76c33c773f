"""Pagefind's indexing service, started early and fed the records as one stream.

Pagefind's Python client reads one answer each tenth of a second, and its directory indexer
needs every record written out as a file first (a file made costs 0.3–0.9 ms on a slow disk:
25,000 of them at 10,000 companies). Here the requests for the registry's records are written
into one file, and `cat` streams that file and then this process's own pipe into Pagefind's
service (`pagefind --service`): Pagefind indexes on the other core while MkDocs and the page
writers run here, with no thread in this process (a thread would keep the page writers from
forking). Its answers go to a file, read once the index is asked to be written.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from .kept_index import KeptIndex
from .leftovers import claim
from .outputs import Outputs
from .search import BROAD_AT, INDEX_DIR, LANGUAGE, Record, broad_words, record_html, record_words, write_broad_words

# What the browser never loads: Pagefind's own UIs (we render into the theme's search box).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
_POLL_S = 0.02   # how often the answers are looked at while the index is written


def _executable() -> str:
    from pagefind.service import get_executable  # the package finds its bundled binary

    found = get_executable()
    if found is None:
        raise FileNotFoundError("the Pagefind binary was not found (the pagefind[extended] package)")
    return str(found)


def _message(message_id: int, payload: dict[str, Any]) -> bytes:
    """One request as the service reads it: base64 of the JSON, ended by a comma."""
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b","


def _answer(raw: bytes) -> dict[str, Any]:
    try:
        answer = json.loads(base64.b64decode(raw, validate=True))
    except ValueError:   # not base64, not JSON
        raise RuntimeError("Pagefind answered with something other than its messages") from None
    if not isinstance(answer, dict):
        raise RuntimeError("Pagefind answered with something other than its messages")
    return answer


class Indexer:
    """One search index: records added, the service started, the index written into a site.

    `add` before `start` writes into the request file; after it, records wait here and go to
    the service with the request to write (a write into the pipe could wait on Pagefind).
    `close` ends the processes and removes the scratch folder, whatever state it is in."""

    def __init__(self, broad_at: int = BROAD_AT) -> None:
        self.digest = hashlib.sha256()   # of the requests that make the index: its key in the output cache
        self.kept: KeptIndex | None = None
        self.reused = False   # whether `write` linked the last builds' index, made from the same records
        self.scratch = Path(tempfile.mkdtemp(prefix=claim("disclose-search-")))   # a killed build's is swept
        self.requests: IO[bytes] | None = open(self.scratch / "requests", "wb")  # noqa: SIM115 (closed in start)
        self.later: list[Record] = []
        self.counts: Counter[str] = Counter()
        self.broad_at = broad_at
        self.sent = 0
        self.processes: list[subprocess.Popen[bytes]] = []
        self._send(self.requests, {"type": "NewIndex", "config": {"force_language": LANGUAGE}})

    def _send(self, out: IO[bytes], payload: dict[str, Any]) -> None:
        self.sent += 1
        message = _message(self.sent, payload)
        if payload["type"] != "WriteFiles":   # its folder is this build's own
            self.digest.update(message)
        out.write(message)

    def _add(self, out: IO[bytes], record: Record) -> None:
        # index 0: the only index this service makes; file_path None: Pagefind takes the URL as given
        self._send(out, {"type": "AddFile", "index_id": 0, "url": record.url, "file_path": None,
                         "file_contents": record_html(record)})
        self.counts.update(record_words(record))

    def add(self, records: Iterable[Record]) -> None:
        if self.requests is None:
            self.later.extend(records)
            return
        for record in records:
            self._add(self.requests, record)

    def start(self) -> None:
        """Start Pagefind on the records added so far; it reads them while this process goes on."""
        assert self.requests is not None, "started twice"
        self.requests.close()
        self.requests = None
        with open(self.scratch / "answers", "wb") as answers:
            feed = subprocess.Popen(["cat", str(self.scratch / "requests"), "-"], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            self.processes.append(feed)
            assert feed.stdout is not None
            self.processes.append(subprocess.Popen([_executable(), "--service"], stdin=feed.stdout, stdout=answers,
                                                   stderr=subprocess.DEVNULL, cwd=self.scratch))
            feed.stdout.close()   # Pagefind's now: cat sees its reader gone if Pagefind stops

    def begin(self, outputs: Outputs | None) -> None:
        """Start Pagefind on the records added so far, unless the output cache holds an index begun with them:
        then `write` looks there first, once the rest are added."""
        self.kept = KeptIndex(outputs, self.digest.hexdigest()) if outputs is not None else None
        if self.kept is None or not self.kept.expected():
            self.start()

    def write(self, site_dir: Path) -> int:
        """Write the index into `site_dir/pagefind/`, with the list of broad words; the number of records indexed."""
        out = (site_dir / INDEX_DIR).resolve()
        shutil.rmtree(out, ignore_errors=True)
        if self.requests is not None and self.kept is not None:
            reused = self.kept.reuse(self.digest.hexdigest(), out, self.scratch)
            if reused is not None:
                self.reused = True
                return reused
        if self.requests is not None:
            self.start()
        pipe = self.processes[0].stdin
        assert pipe is not None
        try:
            for record in self.later:
                self._add(pipe, record)
            self._send(pipe, {"type": "WriteFiles", "index_id": 0, "output_path": str(out)})
            pipe.flush()
        except BrokenPipeError:
            raise RuntimeError(f"Pagefind stopped before the index was written{self._status()}") from None
        count = self._answers()
        self._end()   # waited for here, so that its CPU counts as the index's
        for name in _UNUSED:
            (out / name).unlink(missing_ok=True)
        write_broad_words(broad_words(self.counts, self.broad_at), out)
        if self.kept is not None:
            self.kept.keep(self.digest.hexdigest(), count, out, self.scratch)
        return count

    def _answers(self) -> int:
        """Wait for the answer to the last request; how many records were indexed. Pagefind's first error,
        or its stopping, fails the index."""
        indexed, done, seen = 0, b"", 0
        with open(self.scratch / "answers", "rb") as answers:
            while True:
                stopped = self.processes[1].poll() is not None   # asked first: its last answer is read after
                done += answers.read()
                *whole, done = done.split(b",")
                for raw in whole:
                    answer = _answer(raw)
                    payload = answer.get("payload")
                    payload = payload if isinstance(payload, dict) else {}
                    if payload.get("type") == "Error":
                        raise RuntimeError(f"Pagefind: {payload.get('message', 'an error')}")
                    indexed += payload.get("type") == "IndexedFile" and "page_url" in payload
                    seen = max(seen, answer.get("message_id") or 0)
                if seen >= self.sent:
                    return indexed
                if stopped:
                    raise RuntimeError(f"Pagefind stopped before the index was written{self._status()}")
                time.sleep(_POLL_S)

    def _status(self) -> str:
        code = self.processes[1].poll() if len(self.processes) > 1 else None
        return f" (exit status {code})" if code is not None else ""

    def close(self) -> None:
        """End Pagefind and the feed (its end of input), and remove the scratch folder."""
        if self.requests is not None:
            self.requests.close()
            self.requests = None
        self._end()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def _end(self) -> None:
        for process in self.processes:
            if process.stdin is not None:
                with contextlib.suppress(BrokenPipeError):
                    process.stdin.close()
        for process in reversed(self.processes):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes = []

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_index(records: Iterable[Record], site_dir: Path, broad_at: int = BROAD_AT) -> int:
    """Write the index of `records` into `site_dir/pagefind/` at once; the number of records indexed."""
    with Indexer(broad_at) as indexer:
        indexer.add(records)
        return indexer.write(site_dir)

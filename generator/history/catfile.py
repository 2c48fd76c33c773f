"""Blobs read through one `git cat-file --batch` kept open for a process's whole run.

Each chunk of history used to start its own git (and another for the sizes), and each new
git starts with an empty delta-base cache: reading a chunk cost several times what the same
blobs cost in one git. One git per process (the build's, or a forked worker's) keeps that
cache for every chunk it reads. Sizes are still checked first (`gitlog.sizes`, remembered
per blob), so a blob over the limit is never read; blobs are asked for one at a time, so
memory holds one blob, not a batch.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .gitlog import Blob, GitUnavailable, git_command, git_env, sizes

_SHA = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


class CatFile:
    """A repository's blobs, read by one git per process (a forked worker starts its own)."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._git: subprocess.Popen[bytes] | None = None
        self._pid = 0

    def read(self, shas: list[str], limit: int) -> Iterator[Blob]:
        """Blobs in this order; one over `limit` comes without its content, a missing one not at all."""
        known = sizes(self.top, shas)
        for sha in shas:
            blob = self.blob(sha, known.get(sha), limit)
            if blob is not None:
                yield blob

    def blob(self, sha: str, size: int | None, limit: int) -> Blob | None:
        """One blob of a known size (None: git has no such blob); over `limit`, without its content."""
        if size is None or not _SHA.fullmatch(sha):
            return None
        if size > limit:
            return Blob(sha, size, None)
        content = self._content(sha)
        return Blob(sha, len(content), content) if content is not None else None

    def _content(self, sha: str) -> bytes | None:
        stdin, stdout = self._pipes()
        try:
            stdin.write(sha.encode() + b"\n")
            stdin.flush()
            header = stdout.readline().split()
            if len(header) != 3 or not header[2].isdigit():   # "<sha> missing": gone since its size was read
                return None
            size = int(header[2])
            found = stdout.read(size + 1)
        except OSError as e:
            self.close()
            raise GitUnavailable("git-failed", f"git cat-file stopped: {e.strerror}") from None
        if len(found) != size + 1:
            self.close()
            raise GitUnavailable("git-failed", "git cat-file stopped before the end of a file")
        return found[:size]

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        if self._git is None or self._pid != os.getpid():   # none yet, or the parent's (forked)
            try:
                self._git = subprocess.Popen(git_command("cat-file", "--batch"), cwd=self.top, env=git_env(),
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL)
            except OSError as e:
                raise GitUnavailable("git-failed", f"cannot run git: {e.strerror}") from None
            self._pid = os.getpid()
        assert self._git.stdin is not None and self._git.stdout is not None
        return self._git.stdin, self._git.stdout

    def close(self) -> None:
        """Let this process's git go (a forked worker leaves its parent's alone)."""
        git, self._git = self._git, None
        if git is None or self._pid != os.getpid():
            return
        for pipe in (git.stdin, git.stdout):
            if pipe is not None:
                pipe.close()
        try:
            git.wait(timeout=30)
        except subprocess.TimeoutExpired:
            git.kill()
            git.wait()


@contextmanager
def blob_reader(top: Path, shas: list[str], limit: int) -> Iterator[Callable[[str], Blob | None]]:
    """A blob of `shas` by its id, read when asked, by one git: every size is asked at once, but
    memory holds the blobs the caller keeps, not all of them (400 files of 5 MB, compared, took 2 GB)."""
    reader = CatFile(top)
    known = sizes(top, shas)
    try:
        yield lambda sha: reader.blob(sha, known.get(sha), limit)
    finally:
        reader.close()


def blobs(top: Path, shas: list[str], limit: int) -> dict[str, Blob]:
    """Many blobs at once, by id, through a git of their own (sizes checked first, as in `CatFile.read`)."""
    reader = CatFile(top)
    try:
        return {b.sha: b for b in reader.read(shas, limit)}
    finally:
        reader.close()

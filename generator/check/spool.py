"""Problems kept on disk as they are found, and read back a file at a time, in order.

`disclose validate` of 10,000 files of 1,000 problems each (a file lists at most 1,000) held
10 million problems in memory before printing the first: gigabytes. Kept here, compressed,
what is held at once is one file's problems; the closing count is kept as two numbers.
"""

from __future__ import annotations

import pickle
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import ExitStack

from ..problems import Problem


class Spool:
    """Used in a `with` block: its file is gone when the block ends (or the process does)."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._parts: dict[str, list[tuple[int, int]]] = defaultdict(list)   # each file's, where they are
        self.errors = self.warnings = 0

    def __enter__(self) -> Spool:
        self._file = self._stack.enter_context(tempfile.TemporaryFile())
        return self

    def __exit__(self, *_: object) -> None:
        self._stack.close()

    def extend(self, problems: Iterable[Problem]) -> None:
        mine: dict[str, list[Problem]] = defaultdict(list)
        for p in problems:
            mine[p.file].append(p)
            self.errors += p.is_error
            self.warnings += not p.is_error
        for name, found in mine.items():
            data = zlib.compress(pickle.dumps(found, pickle.HIGHEST_PROTOCOL), 1)
            at = self._file.seek(0, 2)
            self._file.write(data)
            self._parts[name].append((at, len(data)))

    @property
    def ok(self) -> bool:
        return not self.errors

    def files(self) -> Iterator[list[Problem]]:
        """Each file's problems, in order, the files in the order of their names."""
        for name in sorted(self._parts):
            found: list[Problem] = []
            for at, size in self._parts[name]:
                self._file.seek(at)
                found.extend(pickle.loads(zlib.decompress(self._file.read(size))))   # written above, by us
            yield sorted(found)

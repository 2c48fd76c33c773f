"""A checked document as JSON, written once: the hidden-character check searches it, and the
cache keeps it. Each costs about as much as the semantic checks' walk, and a cold build of
10,000 files wrote every one of them twice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# The document whose JSON is kept, and its JSON: only inside `kept`, so a document changed
# after its check (history builds and changes its own) is never read from an old text.
_kept: list[Any] | None = None
_NOTHING = object()   # no document yet (None is a document's data when it could not be read)


def json_text(data: Any) -> str | None:
    """`data` as compact JSON, or None when JSON cannot hold it."""
    kept = _kept
    if kept is not None and kept[0] is data:
        return kept[1]  # type: ignore[no-any-return]
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        text = None
    if kept is not None:
        kept[:] = [data, text]
    return text


@contextmanager
def kept() -> Iterator[None]:
    """Within the block, the last document's JSON is kept while the same document is asked for."""
    global _kept
    outer, _kept = _kept, [_NOTHING, None]
    try:
        yield
    finally:
        _kept = outer

"""Long lists split into pages of their own: every page stays small at any registry size,
and paging is plain links, so it works without JavaScript.

Page 1 of a list is its folder (`compare/`); page n is `compare/page_n/`. The underscore
keeps these apart from company and entity ids, which never hold one (MODEL.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
PAGE_SIZE = 100


@dataclass(frozen=True)
class Pager:
    folder: str   # the list's folder from the site root, e.g. "compare/"
    number: int   # 1-based
    count: int

    @property
    def path(self) -> str:
        """The page's source path for MkDocs."""
        return f"{self.folder}{self.suffix(self.number)}index.md"

    @staticmethod
    def suffix(number: int) -> str:
        return "" if number == 1 else f"page_{number}/"

    def href(self, number: int, root: str) -> str:
        return f"{root}{self.folder}{self.suffix(number)}"

    def window(self, around: int = 2) -> list[int]:
        """Page numbers to link: the first, the last and a few around this one; 0 stands for a gap."""
        shown = sorted({1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)})
        out: list[int] = []
        for n in shown:
            if out and n - out[-1] > 1:
                out.append(0)
            out.append(n)
        return out


def paged(items: Sequence[T], folder: str, size: int = PAGE_SIZE) -> list[tuple[Sequence[T], Pager]]:
    """The items cut into pages; an empty list still has its first page."""
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]
    return [(chunk, Pager(folder, n, len(chunks))) for n, chunk in enumerate(chunks, 1)]

"""All disclosures together, and the indexes that cut across companies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Disclosure


@dataclass(frozen=True)
class Registry:
    companies: tuple[Disclosure, ...]

    @classmethod
    def of(cls, disclosures: Iterable[Disclosure]) -> Registry:
        return cls(tuple(sorted(disclosures, key=lambda d: (d.name.casefold(), d.id))))

    def company(self, company_id: str) -> Disclosure:
        return next(c for c in self.companies if c.id == company_id)

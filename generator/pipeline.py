"""The one pipeline both faces (the CLI and the MkDocs plugin) run: files → pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .model import Disclosure
from .pages import Asset, Page, site_pages
from .registry import Registry
from .validation import Result, validate_paths


@dataclass(frozen=True)
class Site:
    result: Result
    registry: Registry
    pages: tuple[Page, ...]
    assets: tuple[Asset, ...] = ()


def load_registry(source: Path, today: dt.date | None = None) -> tuple[Registry, Result]:
    result = validate_paths([source], today)
    registry = Registry.of(Disclosure.of(doc.data) for doc in result.valid_documents())
    return registry, result


def build_site(source: Path, today: dt.date | None = None) -> Site:
    """Every page of the site; no pages when any disclosure has an error."""
    registry, result = load_registry(source, today)
    pages = tuple(site_pages(registry)) if result.ok else ()
    return Site(result, registry, pages)

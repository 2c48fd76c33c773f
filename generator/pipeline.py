"""The one pipeline both faces (the CLI and the MkDocs plugin) run: files → pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .exports import exports
from .model import Disclosure
from .pages import Asset, Extras, Page, site_pages
from .registry import Registry
from .schema import SCHEMA_PATH
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


def _sources(result: Result) -> dict[str, bytes]:
    return {doc.data["company"]["id"]: Path(doc.path).read_bytes() for doc in result.valid_documents()}


def build_site(source: Path, today: dt.date | None = None, extras: Extras | None = None) -> Site:
    """Every page and file of the site; nothing when any disclosure has an error."""
    registry, result = load_registry(source, today)
    if not result.ok:
        return Site(result, registry, ())
    pages = tuple(site_pages(registry, today, extras))
    assets = (*exports(registry, _sources(result)),
              Asset("schema/disclosure.schema.json", SCHEMA_PATH.read_bytes()))
    return Site(result, registry, pages, assets)

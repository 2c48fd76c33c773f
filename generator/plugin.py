"""The MkDocs plugin: hands the pipeline's pages to MkDocs. Wiring only.

Every MkDocs import of the project lives in this module, so that moving to another
MkDocs 1.x continuation stays a one-file change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from .pipeline import DEFAULTS, Settings, build_site, layered
from .problems import as_text, summary
from .site.pages import Asset, Page
from .site.shell import BODY, TITLE, Shell, same_shape

# The nav of a registry that writes none: our pages, not one entry per company.
NAV = [{"Home": "index.md"}, {"Compare": "compare/index.md"}, {"Entities": "entities/index.md"},
       {"Regions": "regions/index.md"}, {"Changes": "changes/index.md"}, {"Watchlists": "watchlists/index.md"},
       {"Data": "api.md"}, {"Format": "schema/index.md"}, {"About": "about.md"}, {"Submit a disclosure": "submit.md"},
       {"Importing a list": "importing.md"}, {"Security": "security.md"}]
CSS, JS = "assets/disclose.css", "assets/disclose.js"


def _carry_defaults(config: MkDocsConfig) -> None:
    """The packaged theme override (its CSP), CSS, JS and nav, under whatever the registry set itself."""
    overrides = str(DEFAULTS / "overrides")
    if overrides not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)
    # Web fonts come from another host: never, whatever the registry asked (the CSP would block them too).
    config.theme["font"] = False
    if CSS not in config.extra_css:
        config.extra_css.append(CSS)
    if JS not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(c.ExtraScriptValue(JS))
    if config.nav is None:
        config.nav = NAV


def _default_docs(config: MkDocsConfig, files: Files) -> None:
    """The packaged pages and assets the registry's docs/ does not replace."""
    folder = DEFAULTS / "docs"
    for path in sorted(folder.rglob("*")):
        uri = path.relative_to(folder).as_posix()
        if path.is_file() and files.get_file_from_path(uri) is None:
            files.append(File(uri, str(folder), config.site_dir, config.use_directory_urls))


def _unescape_search_index(index: Path) -> None:
    """The same JSON with Chinese written as UTF-8, not as \\uXXXX: a third smaller to download."""
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


class DiscloseConfig(Config):
    source = c.Type(str, default="disclosures")
    """Folder of disclosure files, relative to mkdocs.yml; absent or empty is a registry with none yet."""
    watchlists = c.Type(str, default="watchlists")
    """Folder of watchlists (CSV or YAML) every entity is screened against, besides the packaged ones."""
    profiles = c.Type(str, default="profiles")
    """Folder of completeness profiles, besides the packaged ones (UN Guiding Principles, Transparency Pledge, ...)."""
    cache = c.Type(str, default=".cache/disclose")
    """Where parsed historical versions are kept between builds."""


class DisclosePlugin(BasePlugin[DiscloseConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.assets: tuple[Asset, ...] = ()
        self.bulk: list[Page] = []  # written from a shell; the first of them is the shell's host
        self.shell: Shell | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        here = Path(config.config_file_path).parent
        _carry_defaults(config)
        settings = Settings(repo_url=config.repo_url, cache_dir=here / self.config.cache,
                            watchlists=layered(here / self.config.watchlists),
                            profiles=layered(here / self.config.profiles))
        site = build_site(here / self.config.source, settings)
        for note in site.notes:
            print(note, file=sys.stderr)  # not a warning: strict builds must still succeed without history
        if not site.result.ok:
            problems = site.result.problems
            print(as_text(problems), file=sys.stderr)  # located, one per line, for editors and CI logs
            raise PluginError(f"not built: {summary(problems, len(site.result.documents))}")
        bulk = [p for p in site.pages if p.bulk]
        self.bulk = bulk if config.use_directory_urls and same_shape(bulk) else []
        from_shell = {p.path for p in self.bulk[1:]}
        self.pages = {p.path: p for p in site.pages if p.path not in from_shell}
        self.assets = site.assets
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        _default_docs(config, files)
        for path in self.pages:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=""))
        for asset in self.assets:
            files.append(File.generated(config, asset.path, content=asset.content))
        return files

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        ours = self.pages.get(page.file.src_uri)
        if ours is None:
            return markdown
        page.meta["title"] = TITLE if self._is_host(page) else ours.title
        page.meta["hide"] = ["navigation", "toc"] if ours.wide else ["toc"]  # our pages have no table of contents
        if not ours.searchable:
            page.meta["search"] = {"exclude": True}
        return ""  # the body is already HTML; skip Markdown entirely

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        ours = self.pages.get(page.file.src_uri)
        return ours.html if ours else html

    def _is_host(self, page: MkPage) -> bool:
        return bool(self.bulk) and page.file.src_uri == self.bulk[0].path

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        if not self._is_host(page):
            return output
        try:
            self.shell = Shell(output, page.url)
        except ValueError as e:
            raise PluginError(f"cannot render entity pages with this theme: {e}") from None
        return self.shell.fill(self.bulk[0], page.url)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        _unescape_search_index(Path(config.site_dir) / "search" / "search_index.json")
        if self.shell is None:
            return
        for page in self.bulk[1:]:
            url = page.path.removesuffix("index.md")
            target = Path(config.site_dir) / url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.shell.fill(page, url), encoding="utf-8")

    @event_priority(100)  # before the search plugin reads the page
    def _show_search_its_entry(self, context: dict[str, Any], *, page: MkPage, config: MkDocsConfig,
                               nav: Any) -> dict[str, Any]:
        ours = self.pages.get(page.file.src_uri)
        if ours is not None and ours.index_html is not None:
            page.content = ours.index_html
        return context

    @event_priority(-100)  # after it: the reader gets the whole page
    def _show_reader_the_page(self, context: dict[str, Any], *, page: MkPage, config: MkDocsConfig,
                              nav: Any) -> dict[str, Any]:
        ours = self.pages.get(page.file.src_uri)
        if ours is not None:
            page.content = BODY if self._is_host(page) else ours.html
        return context

    # Search indexes a short entry per page (names, not bulk tables): parsing whole
    # pages was 40% of build time and made the index too large for a reader's browser.
    on_page_context = CombinedEvent(_show_search_its_entry, _show_reader_the_page)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(Path(config.config_file_path).parent / self.config.source))
        return server

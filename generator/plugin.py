"""The MkDocs plugin: hands the pipeline's pages to MkDocs. Wiring only.

Every MkDocs import of the project lives in this module, so that moving to another
MkDocs 1.x continuation stays a one-file change.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from .load.forks import collector_off
from .load.loader import LIBYAML_MISSING
from .pipeline import DEFAULTS, Settings, build_site, layered
from .preview import Last, Previewer, Sites
from .problems import as_text, summary
from .registry.registry import Registry
from .site.config_code import foreign_code
from .site.config_file import SCRIPTS, setup_problems
from .site.csp import inert, inert_settings, made_inert, safe_repo_url, strings, toc_titles, with_policy
from .site.docs_folder import copied_problems
from .site.indexer import Indexer
from .site.outputs import Outputs, code_version
from .site.pages import Asset, Page
from .site.publish import MARKER, MARKER_TEXT, site_problem
from .site.search import Record, page_record, registry_records
from .site.serve_guard import guard_server
from .site.shell import BODY, TITLE, Shell, by_depth, depth
from .site.sitemap import write_sitemaps
from .site.writer import Job, Spooled, write

# The nav of a registry that writes none: our pages, not one entry per company.
NAV = [{"Home": "index.md"}, {"Compare": "compare/index.md"}, {"Entities": "entities/index.md"},
       {"Regions": "regions/index.md"}, {"Changes": "changes/index.md"}, {"Watchlists": "watchlists/index.md"},
       {"Data": "api.md"}, {"Format": "schema/index.md"}, {"About": "about.md"}, {"Submit a disclosure": "submit.md"},
       {"Importing a list": "importing.md"}, {"Security": "security.md"}]
CSS, (JS, SEARCH_JS) = "assets/disclose.css", SCRIPTS


def _carry_defaults(config: MkDocsConfig) -> None:
    """The packaged theme override (its CSP), CSS, JS and nav, under whatever the registry set itself."""
    overrides = str(DEFAULTS / "overrides")
    if overrides not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)
    # Web fonts come from another host: never, whatever the registry asked (the CSP would block them too).
    config.theme["font"] = False
    if CSS not in config.extra_css:
        config.extra_css.append(CSS)
    scripts = [str(s) for s in config.extra_javascript]
    if JS not in scripts:   # deferred: it never holds up the first paint
        script = c.ExtraScriptValue(JS)
        script.defer = True
        config.extra_javascript.append(script)
    if SEARCH_JS not in scripts:   # the header's search box, over the Pagefind index
        search = c.ExtraScriptValue(SEARCH_JS)
        search.type = "module"
        config.extra_javascript.append(search)
    if config.nav is None:
        config.nav = NAV


def _default_docs(config: MkDocsConfig, files: Files) -> None:
    """The packaged pages and assets the registry's docs/ does not replace."""
    folder = DEFAULTS / "docs"
    for path in sorted(folder.rglob("*")):
        uri = path.relative_to(folder).as_posix()
        if path.is_file() and files.get_file_from_path(uri) is None:
            files.append(File(uri, str(folder), config.site_dir, config.use_directory_urls))


def _outputs(cache_dir: Path | None) -> Outputs | None:
    """The output cache, or none when its folder cannot be written (a build still succeeds, uncached)."""
    try:
        return Outputs(cache_dir / "outputs") if cache_dir is not None else None
    except OSError:
        return None


class DiscloseConfig(Config):
    source = c.Type(str, default="disclosures")
    """Folder of disclosure files, relative to mkdocs.yml; absent or empty is a registry with none yet."""
    watchlists = c.Type(str, default="watchlists")
    """Folder of watchlists (CSV or YAML) every entity is screened against, besides the packaged ones."""
    profiles = c.Type(str, default="profiles")
    """Folder of completeness profiles, besides the packaged ones (UN Guiding Principles, Transparency Pledge, ...)."""
    cache = c.Type(str, default=".cache/disclose")
    """Where parsed historical versions and the last build's pages are kept between builds."""


class DisclosePlugin(BasePlugin[DiscloseConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.assets: tuple[Asset, ...] = ()  # handed to MkDocs
        self.bulk: list[Page] = []  # filled from the shell of their depth and written after MkDocs' pass
        self.bulk_assets: tuple[Asset, ...] = ()  # written with them
        self.hosts: dict[str, Page] = {}  # one bulk page of each depth, rendered by MkDocs as that depth's shell
        self.shells: dict[int, Shell] = {}
        self.cache_dir: Path | None = None
        self.records: list[Record] = []  # the search index's, besides the registry's own
        self.written: dict[str, list[str]] = {}  # what each docs page's file put on it, for its policy
        self.index: Indexer | None = None   # Pagefind, indexing the registry's records while the pages are made
        self.outputs: Outputs | None = None   # the output cache, opened once the cache folder is known good
        self.urls: list[str] = []        # every page written, for the sitemap
        self.registry = Registry(())
        self.serving = False
        self.sites = Sites()   # serve's: the folder each build writes, and the one the browser is shown
        self.built: Last | None = None    # this build's, until its pages are written
        self.last: tuple[Last, dict[int, Shell]] | None = None   # the last full build's, for serve's quick pass
        self.collector = ExitStack()   # the collector off from on_config to the pages' writing

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook also makes MkDocs keep this instance across serve's rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if LIBYAML_MISSING:
            raise PluginError(LIBYAML_MISSING)
        if not safe_repo_url(config.repo_url):
            raise PluginError(f"repo_url in mkdocs.yml must be a web address starting with https:// or http://, "
                              f"not {config.repo_url!r}: it becomes a link on every page")
        if self.serving:   # each build into a folder of its own: a failed one leaves the served site whole
            config.site_dir = str(self.sites.fresh(Path(config.site_dir)))
        # `mkdocs build` empties site_dir before writing: `site_dir: ../x` or `.git` in a pull request deleted
        # a folder outside the project, or the repository; only a folder a build made may be emptied.
        elif refused := site_problem(Path(config.site_dir), Path(config.config_file_path)):
            raise PluginError(f"not built: {refused.replace('--site-dir', 'site_dir')}")
        self.records, self.urls, self.shells = [], [], {}
        self.collector.close()
        # MkDocs' own pass, with the collector on, walked the whole registry (6-7 s at 10,000 companies).
        self.collector.enter_context(collector_off())
        here = Path(config.config_file_path).parent
        self.cache_dir = here / self.config.cache
        # `disclose build` read mkdocs.yml before MkDocs did; `mkdocs build` did not. Never a pull request's cache.
        if refused := setup_problems(Path(config.config_file_path), self.cache_dir):
            raise PluginError(f"not built, mkdocs.yml or the cache folder may not be used:\n{as_text(refused)}")
        handed = {"markdown_extensions": config.mdx_configs, "extra": config.extra,
                  **{f"plugins.{name}": plugin.config for name, plugin in config.plugins.items()}}
        if foreign := foreign_code(handed):   # before any page is read: a heading is what such code is given
            raise PluginError("not built, mkdocs.yml hands code of another library to the build (only material's, "
                              "pymdownx's and markdown's own may be named):\n" + "\n".join(foreign))
        self.outputs = _outputs(self.cache_dir)
        theirs = [DEFAULTS / "docs", *map(Path, config.theme.dirs)]   # MkDocs copies links' targets, below
        if copied := copied_problems(here, config.docs_dir, config.theme.custom_dir, theirs):
            raise PluginError("not built, these would be copied into the site:\n" + "\n".join(copied))
        _carry_defaults(config)
        inert_settings(config)
        settings = Settings(repo_url=config.repo_url, cache_dir=self.cache_dir,
                            watchlists=layered(here / self.config.watchlists),
                            profiles=layered(here / self.config.profiles))
        # The search index starts once the pages are listed, beside the tables (on_build_error ends it).
        site = build_site(here / self.config.source, settings, meanwhile=self._start_index)
        for note in site.notes:
            print(note, file=sys.stderr)  # not a warning: strict builds must still succeed without history
        if not site.result.ok:
            problems = site.result.problems
            print(as_text(problems), file=sys.stderr)  # located, one per line, for editors and CI logs
            raise PluginError(f"not built: {summary(problems, len(site.result.documents))}")
        # Shells need a page's own folder: without directory URLs every page goes through MkDocs.
        bulk = [p for p in site.pages if p.bulk] if config.use_directory_urls else []
        self.hosts = {pages[0].path: pages[0] for pages in by_depth(bulk).values()}
        self.bulk = [p for p in bulk if p.path not in self.hosts]
        from_shell = {p.path for p in self.bulk}
        self.pages = {p.path: p for p in site.pages if p.path not in from_shell}
        self.assets = tuple(a for a in site.assets if not a.bulk)
        self.bulk_assets = tuple(a for a in site.assets if a.bulk)
        self.registry = site.registry
        if self.serving and site.history is not None:
            files = {d.path: (d.digest, d.data["company"]["id"]) for d in site.result.documents}
            self.built = Last(here / self.config.source, settings, files, site.registry, site.history,
                              site.lists, site.profiles)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        _default_docs(config, files)
        for path in self.pages:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=""))
        for asset in self.assets:
            if isinstance(asset.content, Spooled):  # a large file already made: MkDocs copies it
                files.append(File.generated(config, asset.path, abs_src_path=str(asset.content.path)))
            else:
                files.append(File.generated(config, asset.path, content=asset.data()))
        return files

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        ours = self.pages.get(page.file.src_uri)
        if ours is None:   # a docs page: no script tag its file writes may run (csp.py)
            page.meta = made_inert(page.meta)
            return markdown
        page.meta["title"] = TITLE if self._is_host(page) else ours.title
        page.meta["hide"] = ["navigation", "toc"] if ours.wide else ["toc"]  # our pages have no table of contents
        return ""  # the body is already HTML; skip Markdown entirely

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        ours = self.pages.get(page.file.src_uri)
        body = inert(html) if ours is None else ours.html
        if ours is None or ours.searchable:
            self.records.append(page_record("/" + page.url, ours.title if ours else str(page.title), body))
        if ours is None:
            self.written[page.file.src_uri] = [body, *strings([page.title, page.meta]), *toc_titles(page.toc)]
        return BODY if self._is_host(page) else body

    def _is_host(self, page: MkPage) -> bool:
        return page.file.src_uri in self.hosts

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return with_policy(output_content)  # 404.html

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        output = with_policy(output, self.written.pop(page.file.src_uri, ()))
        self.urls.append(page.url)
        if not self._is_host(page):
            return output
        host = self.hosts[page.file.src_uri]
        try:
            self.shells[depth(host)] = shell = Shell(output, page.url)
        except ValueError as e:
            raise PluginError(f"cannot render company, entity and region pages with this theme: {e}") from None
        return shell.fill(host, page.url)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.collector.close()   # on again for the page writers, which make and drop much
        site_dir = Path(config.site_dir)
        if {depth(p) for p in self.bulk} - self.shells.keys():
            raise PluginError("a company, entity or region page could not be rendered: its shell page was not built")
        outputs = self.outputs
        try:
            written = write(Job(site_dir, self.shells, code_version(), outputs), [*self.bulk, *self.bulk_assets])
            self.urls.extend(written.urls)
            write_sitemaps(site_dir, self.urls, config.site_url)
            (site_dir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")   # the next build may replace it
            self._write_index(site_dir)
        except BaseException:
            if outputs is not None:
                outputs.abandon()
            raise
        if outputs is not None:   # after the index: its files are kept there too
            outputs.commit()
        # Said, not warned: how much a rebuild could take from the last one (strict builds must still pass).
        print(f"company, entity and region pages and downloads: {written.made} made, {written.reused} reused"
              + ("" if outputs else " (no output cache)"), file=sys.stderr)
        if self.built is not None:
            self.last, self.built = (self.built, dict(self.shells)), None

    def on_build_error(self, *, error: Exception) -> None:
        self.collector.close()
        self._close_index()

    def _write_index(self, site_dir: Path) -> None:
        try:
            assert self.index is not None   # started by on_config, for every registry it let through
            self.index.add(self.records)
            count = self.index.write(site_dir)
            print(f"search index: {count} records, " + ("the last build's (the same records)" if self.index.reused
                                                        else "indexed"), file=sys.stderr)
        except (OSError, RuntimeError) as e:  # the Pagefind binary missing or failing
            raise PluginError(f"the search index was not written: {e}") from None
        finally:
            self._close_index()

    def _start_index(self, registry: Registry) -> None:
        self._close_index()
        self.index = Indexer()
        try:
            self.index.add(registry_records(registry))
            self.index.begin(self.outputs)
        except OSError as e:  # the Pagefind binary missing
            self._close_index()
            raise PluginError(f"the search index was not written: {e}") from None

    def _close_index(self) -> None:
        if self.index is not None:
            self.index.close()
            self.index = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(Path(config.config_file_path).parent / self.config.source))
        if self.serving and hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild"):
            self.sites.succeeded(server)   # the first build, made before the server was
            guard_server(server)
            server.builder = Previewer(lambda: self.last, builder, server, self.sites, Path(config.config_file_path))
        return server

"""The MkDocs plugin: hands the pipeline's pages to MkDocs. Wiring only.

Every MkDocs import of the project lives in this module, so that moving to another
MkDocs 1.x continuation stays a one-file change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from .pages import Asset, Page
from .pipeline import build_site
from .problems import as_text, summary


class DiscloseConfig(Config):
    source = c.Type(str, default="disclosures")
    """Folder of disclosure files, relative to mkdocs.yml."""


class DisclosePlugin(BasePlugin[DiscloseConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.assets: tuple[Asset, ...] = ()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        source = Path(config.config_file_path).parent / self.config.source
        site = build_site(source)
        if not site.result.ok:
            problems = site.result.problems
            raise PluginError(f"{as_text(problems)}\n{summary(problems, len(site.result.documents))}")
        self.pages = {p.path: p for p in site.pages}
        self.assets = site.assets
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
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
        page.meta["title"] = ours.title
        if not ours.searchable:
            page.meta["search"] = {"exclude": True}
        return ""  # the body is already HTML; skip Markdown entirely

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        ours = self.pages.get(page.file.src_uri)
        return ours.html if ours else html

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(Path(config.config_file_path).parent / self.config.source))
        return server

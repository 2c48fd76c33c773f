"""`disclose init`: the files of a new registry that builds and passes its own checks at once."""

from __future__ import annotations

import datetime as dt
import json
from importlib import metadata
from pathlib import Path

from ..check.schema import SCHEMA_PATH
from .atomic_write import write_new
from .starter import SCHEMA_REF, quoted, starter

TEMPLATES = Path(__file__).resolve().parents[1] / "defaults" / "registry"
PINNED = "pinned.txt"   # uv.lock's runtime set, versions alone (`make lock` writes it)
STARTER_ID, STARTER_NAME = "example-company", "Example Company"

MKDOCS_YML = """\
# The site's settings. Everything else (theme, pages, profiles, watchlists) comes with the
# disclose plugin; a file in docs/, profiles/ or watchlists/ adds to it or replaces it.
site_name: {site_name}
theme:
  name: material
plugins:
  - disclose
"""

ABOUT_MD = """\
# About this registry

{site_name} publishes the human-rights due-diligence disclosures of the companies listed on
its home page: their partners, suppliers and government counterparties, where they operate,
and the due-diligence steps they have taken. Every disclosure is a file in a public git
repository, checked on every change; the site keeps each company's full history.

Companies add or update their disclosure as described in [Submit a disclosure](submit.md).
The format is described under [Format](schema/index.md), and everything here can be
downloaded from [Data](api.md).
"""

REQUIREMENTS = """\
# Where CI installs disclose from; Dependabot can propose updates. Not `disclose` alone:
# that name on PyPI belongs to another project.
{spec}

# The versions of its dependencies that this disclose was tested with (its uv.lock): a new
# release of one of them cannot change this registry's checks or site until a line here does.
{pinned}"""


def package_spec() -> str:
    """This disclose as pip can install it again: the git commit it came from, else its version."""
    try:
        raw = metadata.distribution("disclose").read_text("direct_url.json") or "{}"
        found = json.loads(raw)
    except (metadata.PackageNotFoundError, ValueError):
        found = {}
    vcs = found.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and str(found.get("url", "")).startswith("https://"):
        return f"disclose @ git+{found['url']}@{vcs.get('commit_id') or vcs.get('requested_revision', '')}"
    return f"disclose @ git+https://example.org/your-fork/disclose@v{metadata.version('disclose')}"


def registry_files(site_name: str, spec: str, today: dt.date) -> dict[str, str]:
    """Relative path → content of every file `disclose init` writes."""
    workflows = TEMPLATES / "workflows"
    files = {
        "mkdocs.yml": MKDOCS_YML.format(site_name=quoted(site_name)),
        "docs/about.md": ABOUT_MD.format(site_name=site_name.replace("[", "\\[").replace("<", "&lt;")),
        f"disclosures/{STARTER_ID}.yaml": starter(STARTER_ID, STARTER_NAME, today),
        # What the starter's schema line points at (editors complete and check fields with it);
        # `disclose validate` itself uses the schema packaged with the tool.
        SCHEMA_REF.removeprefix("../"): SCHEMA_PATH.read_text(encoding="utf-8"),
        ".pre-commit-config.yaml": (TEMPLATES / "pre-commit-config.yaml").read_text(encoding="utf-8"),
        "requirements.txt": REQUIREMENTS.format(spec=spec, pinned=(TEMPLATES / PINNED).read_text(encoding="utf-8")),
        ".gitignore": "/site/\n/.site-*/\n.cache/\n",
    }
    for path in sorted(workflows.glob("*.yml")):
        files[f".github/workflows/{path.name}"] = path.read_text(encoding="utf-8")
    return files


def write_registry(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write every file, or none: refuses when any of them already exists."""
    existing = [folder / rel for rel in files if (folder / rel).exists()]
    if existing:
        raise FileExistsError(existing[0])
    written: list[Path] = []
    try:
        for rel, content in files.items():
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            write_new(target, content.encode("utf-8"))
            written.append(target)
    except BaseException:
        # Half a registry would stop the next `disclose init` ("already exists") with nothing usable.
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written

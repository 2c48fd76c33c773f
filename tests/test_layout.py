"""The package's folders are its stages, and imports run one way: from a higher stage to a lower one.

Read with `ast`, so a cycle or a stray import fails here before anyone sees it at run time.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
# Lowest first: a unit may import only units before it. The ground floor (model, problems)
# is shared by every stage; the faces and the pipeline may use anything below them.
ORDER = ("model", "text", "problems", "load", "check", "history", "registry", "authoring", "site", "pipeline",
         "preview", "cli", "plugin")
FACES = {"mkdocs": "plugin", "click": "cli"}
TOP_LEVEL_MODULES_AT_MOST = 8


def _unit(module: str) -> str:
    """'generator.check.schema' → 'check'; 'generator.model' → 'model'."""
    return module.split(".")[1]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every module `path` imports, absolute, with its line."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from .. import model` names modules; `from ..check import schema` names its package
            found += ([(f"{base}.{alias.name}", node.lineno) for alias in node.names] if "." not in base
                      else [(base, node.lineno)])
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layout_problems() -> list[str]:
    """Every import against the layout, as 'file:line: what'."""
    problems, edges = [], defaultdict(set)
    for path in _modules():
        here = _unit(_module_name(path)) if path.parent != PACKAGE or path.name != "__init__.py" else None
        for target, line in _imports(path):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            top = target.split(".")[0]
            if top in FACES and here != FACES[top]:
                problems.append(f"{where}: imports {top}, which only {FACES[top]} may")
            if top != "generator" or here is None or target.count(".") == 0:
                continue
            there = _unit(target)
            if there != here:
                edges[here].add(there)
            if there not in ORDER or here not in ORDER:
                problems.append(f"{where}: {here} → {there}: a unit missing from the layout's ORDER")
            elif ORDER.index(there) > ORDER.index(here):
                problems.append(f"{where}: {here} imports {target}, from a higher stage")
    return problems + [f"cycle: {' → '.join(c)}" for c in _cycles(edges)]


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append([*trail[trail.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def test_imports_run_from_higher_stages_to_lower_ones_only() -> None:
    assert layout_problems() == []


def test_the_check_catches_an_upward_import_a_face_import_and_a_cycle(tmp_path: Path, monkeypatch) -> None:
    sources = {"load": "from ..site import pages\nimport click\n", "site": "from ..load import loader\n"}
    for folder, text in sources.items():
        (tmp_path / "generator" / folder).mkdir(parents=True)
        (tmp_path / "generator" / folder / "__init__.py").write_text("")
        (tmp_path / "generator" / folder / "x.py").write_text(text)
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path / "generator")
    found = layout_problems()
    assert any("load imports generator.site, from a higher stage" in p for p in found), found
    assert any("imports click, which only cli may" in p for p in found), found
    assert any(p.startswith("cycle: ") and "load" in p and "site" in p for p in found), found


def test_each_stage_is_a_folder_that_says_what_it_takes_and_gives() -> None:
    folders = [p for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()]
    assert len(folders) >= 4
    for folder in folders:
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "→" in doc, f"{folder.name}/__init__.py should say what the stage takes and gives"
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert len(loose) <= TOP_LEVEL_MODULES_AT_MOST, loose


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_300_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 300

"""The history cache keeps verdicts and events between builds under a fingerprint of the code that decides
them: a module left out of it would let an upgrade show verdicts and wording of the code before."""

from __future__ import annotations

import ast
from pathlib import Path

from generator.history.parsed import decided_by

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
DECIDING = ("history/verdict.py", "history/diff.py", "history/pieces.py", "history/seeded.py")


def _imported(module: Path) -> set[Path]:
    """The package's modules `module` imports by relative import."""
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = module.parents[node.level - 1].joinpath(*(node.module or "").split(".") if node.module else ())
            named = [base / f"{alias.name}.py" for alias in node.names]
            found |= {p.resolve() for p in (base.with_suffix(".py"), base / "__init__.py", *named) if p.is_file()}
    return found


def test_every_module_a_verdict_or_event_is_made_by_is_in_the_fingerprint() -> None:
    seen: set[Path] = set()
    todo = [(PACKAGE / m).resolve() for m in DECIDING]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(_imported(module))
    fingerprinted = {p.resolve() for p in decided_by()}
    missing = sorted(str(p.relative_to(PACKAGE.resolve())) for p in seen - fingerprinted
                     if p.name != "__init__.py")
    assert missing == []

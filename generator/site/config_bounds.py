"""mkdocs.yml's YAML read within bounds: its characters, its nesting, and what its aliases stand for.

MkDocs reads mkdocs.yml with PyYAML before any plugin runs, then writes each setting out; what
would make that never end, or end in a traceback, is found here first, at its line and column.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..problems import Problem


def unreadable(path: Path, text: bytes, error: yaml.reader.ReaderError, code: str) -> Problem:
    """A character YAML does not read (a NUL, a byte that is not UTF-8), at its line and column."""
    # PyYAML counts characters past a control character, bytes to one it cannot decode.
    control = error.encoding == "unicode"
    read = text.decode("utf-8", "replace") if control else text
    at = read[:error.position] if isinstance(error.position, int) else read[:0]
    before = at[at.rfind("\n" if control else b"\n") + 1:]
    line = at.count("\n" if control else b"\n") + 1
    column = len(before if control else before.decode("utf-8", "replace")) + 1
    char = error.character if isinstance(error.character, int) else ord(error.character or "\0")
    what = f"the control character U+{char:04X}" if control else "a byte that is not UTF-8 text"
    return Problem(str(path), line, column, "error", code, f"{what} cannot stand in mkdocs.yml; delete it "
                   "(save the file as UTF-8 if it was written in another encoding)")


MAX_DEPTH = 100


def deepest(text: bytes) -> tuple[int, int]:
    """Line and column where the lists and mappings are first nested more than MAX_DEPTH deep."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):   # the parser is a loop, not a recursion
        depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
        if depth > MAX_DEPTH:
            return event.start_mark.line + 1, event.start_mark.column + 1
    return 1, 1


# A configuration holds a few hundred values. An alias stands for its anchor's whole value, so ten lines
# of aliases can stand for 10^11 of them: Python shares one object, but MkDocs writes each setting out
# (`f"{value!r}"`) as it reads the file, and a build ran for good.
MAX_VALUES = 100_000


def vast(root: yaml.Node) -> yaml.Node | None:
    """The node to show for a document that stands for more than MAX_VALUES values with its aliases
    written out: the deepest one that does, each of whose children stays within; None when none does."""
    counted: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:   # children before parents, each node once: an alias is the same node again
        node, ready = stack.pop()
        kids = _children(node)
        if ready:
            counted[id(node)] = min(1 + sum(counted[id(c)] for c in kids), MAX_VALUES + 1)
        elif id(node) not in counted:
            stack.append((node, True))
            stack.extend((c, False) for c in kids if id(c) not in counted)
    if counted[id(root)] <= MAX_VALUES:
        return None
    node = root
    while (over := next((c for c in _children(node) if counted[id(c)] > MAX_VALUES), None)) is not None:
        node = over
    return node


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []

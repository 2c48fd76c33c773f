"""What a change set does to the disclosures: two files, or two git revisions, compared.

Reports in text, Markdown (for a pull-request comment or a CI job summary) and JSON.
A file that cannot be read is reported as such; comparing never stops at it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..load.loader import DEFAULT_LIMITS, Loaded, load_bytes, load_file
from ..problems import Problem
from ..text import log_line, printable, printable_json
from .catfile import blob_reader
from .diff import Event, diff
from .gitlog import NO_SHA, Blob, Change, changes_between, in_folder, kind_of, locate
from .verdict import not_a_file

MAX_BYTES = DEFAULT_LIMITS.max_bytes


@dataclass(frozen=True)
class FileDiff:
    path: str
    old_path: str
    name: str                  # the company's name, '' when neither version can be read
    events: tuple[Event, ...]
    problem: str = ""          # why a version could not be read

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "old_path": self.old_path, "name": self.name, "problem": self.problem,
                "events": [e.as_dict() for e in self.events]}


def _compare(old: Loaded | None, new: Loaded | None, path: str, old_path: str) -> FileDiff:
    unread = [d for d in (old, new) if d is not None and d.data is None]
    if unread:
        problems = unread[0].problems
        return FileDiff(path, old_path, "", (), problems[0].text() if problems else f"{path}: cannot be read")
    a, b = (old.data if old else None), (new.data if new else None)
    company = (b or a or {}).get("company")
    name = str(company.get("name", "")) if isinstance(company, dict) else ""
    return FileDiff(path, old_path, name, tuple(diff(a, b)))


def diff_files(old: Path, new: Path) -> FileDiff:
    return _compare(load_file(old), load_file(new), str(new), str(old))


def _version(top: Path, blob_of: Callable[[str], Blob | None], blob: str | None, path: str) -> Loaded | None:
    """A file as one revision holds it; None where the revision has no such file."""
    if blob is None:
        return None
    if blob == NO_SHA:   # changed in the working tree, not yet hashed by git
        return load_file(top / path, shown_as=path)
    if kind_of(blob):
        return Loaded(path, None, None, (not_a_file(kind_of(blob), path),))
    found = blob_of(blob)
    if found is None:   # a partial or damaged clone: the tree names a blob git does not hold
        return Loaded(path, None, None, (Problem(path, 1, 1, "error", "missing-from-repository",
                                                 "missing from the repository: git does not hold this version"),))
    if found.content is None:   # over the size limit: never read
        return Loaded(path, None, None, (Problem(path, 1, 1, "error", "file-too-large",
                                                 f"unreadable: too large ({found.size:,} bytes)"),))
    return load_bytes(found.content, path)


def _shown(path: str) -> str:
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _misnamed(change: Change) -> FileDiff | None:
    """A change to a file whose name is not UTF-8 text: no company's id, so nothing is read."""
    path, old_path = _shown(change.path), _shown(change.old_path)
    if (path, old_path) == (change.path, change.old_path):
        return None
    problem = Problem(path if path != change.path else old_path, 1, 1, "error", "file-name-not-utf8",
                      "the file's name is not UTF-8 text, so it names no company (a company's id is lower-case "
                      "letters, digits and hyphens); rename the file to its company's id")
    return FileDiff(path, old_path, "", (), problem.text())


def diff_revisions(folder: Path, old: str, new: str | None) -> list[FileDiff]:
    """Every disclosure in `folder` from revision `old` to `new` (None: the working tree). One change
    is read and compared at a time: what is held is the comparisons, not every version's bytes."""
    top, rel, _ = locate(folder)
    ours = [c for c in map(partial(_in_folder, rel=rel), changes_between(top, rel, old, new)) if c]
    shas = sorted({b for c in ours for b in (c.old_blob, c.blob) if b and b != NO_SHA and not kind_of(b)})
    with blob_reader(top, shas, MAX_BYTES) as blob_of:
        version = partial(_version, top, blob_of)
        return [_misnamed(c) or _compare(version(c.old_blob, c.old_path), version(c.blob, c.path), c.path, c.old_path)
                for c in ours]


def _in_folder(change: Change, rel: str) -> Change | None:
    """The change as the registry sees it: of the files directly in the folder (a file moved into a
    subfolder is withdrawn, one moved out of it is added); None where it touches none of them."""
    was, now = in_folder(change.old_path, rel), in_folder(change.path, rel)
    if was and now:
        return change
    if was and change.status == "R":
        return Change("D", change.old_path, change.old_path, None, change.old_blob)
    if now and change.status == "R":
        return Change("A", change.path, change.path, change.blob, None)
    return change if was or now else None


_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+!|<>~&$@]")
# GitHub finds math ($x$, $$…$$) and @mentions in the text the Markdown leaves, where a backslash is gone:
# '\$x\$' was still a formula, '\@someone' still notified that user. A dollar stands alone in an element
# of its own (GitHub's own advice), written as a reference that starts nothing; a zero-width space after an
# at sign leaves no user's name behind it.
_OWN = {"$": "<span>&#36;</span>", "@": "@&#8203;"}


def markdown_text(text: str) -> str:
    """Company text in Markdown: no links, images, formulas, mentions or HTML can be smuggled in."""
    return _MARKDOWN_SPECIAL.sub(lambda m: _OWN.get(m.group(), "\\" + m.group()), " ".join(printable(text).split()))


def _code(path: str) -> str:
    """A file name in a code span: a name is a stranger's text as much as a value is, and a
    bidirectional override in it would show the summary's reader another name."""
    return " ".join(printable(path).replace("`", "'").split())


def _heading(d: FileDiff) -> str:
    moved = f" (was {d.old_path})" if d.old_path != d.path else ""
    return f"{d.name or d.path} — {d.path}{moved}"


def as_text(diffs: list[FileDiff]) -> str:
    lines: list[str] = []
    for d in diffs:
        lines.append(_heading(d))
        lines.extend([f"  could not be read: {d.problem}"] if d.problem else [f"  - {e.text()}" for e in d.events])
        if not d.problem and not d.events:
            lines.append("  no change to the disclosed facts (layout or order only)")
    # Names and events quote company text: on a terminal, a line break or an escape must not
    # forge a line or repaint the screen.
    return "\n".join(log_line(line) for line in lines) if lines else "no disclosure changed"


# GitHub drops a step's job summary whole when it is over 1 MiB: a pull request of 25,000 changed
# suppliers (3.4 MB of summary) showed none of its changes, the one that mattered among them.
SUMMARY_BYTES = 1_000_000


def _file_lines(d: FileDiff) -> list[str]:
    moved = f" (was `{_code(d.old_path)}`)" if d.old_path != d.path else ""
    lines = [f"**{markdown_text(d.name or d.path)}** `{_code(d.path)}`{moved}", ""]
    if d.problem:
        lines.append(f"- :warning: could not be read: {markdown_text(d.problem)}")
    else:
        lines.extend(f"- {markdown_text(e.text())}" for e in d.events)
        if not d.events:
            lines.append("- no change to the disclosed facts (layout or order only)")
    return [*lines, ""]


def as_markdown(diffs: list[FileDiff], title: str = "Disclosure changes", limit: int = SUMMARY_BYTES) -> str:
    lines = [f"### {markdown_text(title)}", ""]
    if not diffs:
        lines.append("No disclosure changed.")
    size = sum(len(line.encode()) + 1 for line in lines)
    for i, d in enumerate(diffs):
        for j, line in enumerate(added := _file_lines(d)):
            size += len(line.encode()) + 1
            if size > limit - 1_000:   # room for the line that says what is left out
                if j > 1:   # past the file's heading: its first changes stand above the note
                    return "\n".join([*lines, _left_out(added[j:], diffs[i + 1:])]) + "\n"
                return "\n".join([*lines[:len(lines) - j], _left_out([], diffs[i:], "")]) + "\n"
            lines.append(line)
    return "\n".join(lines).rstrip() + "\n"


def _left_out(unshown: list[str], rest: list[FileDiff], here: str = "this file and ") -> str:
    changes = sum(line.startswith("- ") for line in unshown) + sum(max(len(d.events), 1) for d in rest)
    files = f"{len(rest):,} more file{'s' if len(rest) > 1 else ''}"
    where = f"{here}{files}" if rest else "this file"
    return (f"\n**Not shown:** {changes:,} more changes, in {where}: the summary would pass GitHub's limit of "
            "1 MiB and be dropped whole. `disclose diff` with the same revisions lists every change.")


def as_json(diffs: list[FileDiff]) -> str:
    return printable_json([d.as_dict() for d in diffs])


REPORTS = {"text": as_text, "markdown": as_markdown, "json": as_json}

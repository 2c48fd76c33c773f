"""Git as an input: one `git log` walk and one `git cat-file --batch` process.

Git has known failure modes (not installed, not a repository, no commits, a shallow
clone in CI, a repository owned by another user); `run` meets them all in one place
and turns each into a `GitUnavailable` whose message spells out the fix.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..load.files import SUFFIXES
from ..text import printable
from .metadata import scrub

SHALLOW_FIX = ("this is a shallow clone, so the change history is cut short; fetch the full history: "
               "in GitHub Actions set `fetch-depth: 0` on actions/checkout, elsewhere run `git fetch --unshallow`")
NO_SHA = "0" * 40


class GitUnavailable(Exception):
    """History cannot be read; `reason` is a stable code, `message` says what to do."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason, self.message = reason, message

    def __reduce__(self) -> tuple[type, tuple[str, str]]:   # raised in a worker process, re-raised here
        return GitUnavailable, (self.reason, self.message)


def _explain(stderr: str, folder: Path) -> GitUnavailable:
    # Git's advice ('hint: …') comes before its error, and names no fault of the repository.
    text = "\n".join(line for line in stderr.splitlines() if not line.startswith("hint:")).strip()
    if "not a git repository" in text:
        return GitUnavailable("not-a-repository", f"the folder {folder.name}/ is not inside a git repository; history "
                              "comes from git: run `git init` and commit the disclosures, or build from a clone")
    if "dubious ownership" in text:
        return GitUnavailable("unsafe-repository", "git refuses a repository owned by another user; run "
                              f"`git config --global --add safe.directory {folder}`")
    if any(m in text for m in ("does not have any commits", "bad default revision 'HEAD'", "argument 'HEAD': unknown")):
        return GitUnavailable("no-commits", "the git repository has no commits yet; commit the disclosures "
                              "(`git add disclosures && git commit`) to start their history")
    if "attempting to allocate" in text:   # past ALLOC_LIMIT
        return GitUnavailable("too-large", "git would have to hold an object over "
                              f"{ALLOC_LIMIT // (1 << 20)} MiB in memory; check that `git log` works in {folder}")
    if revision := re.search(r"ambiguous argument '(.*?)': unknown revision|bad revision '(.*?)'", text):
        return GitUnavailable("unknown-revision", f"{printable(revision.group(1) or revision.group(2))} is not a "
                              "revision of this repository; name a branch, tag or commit it holds "
                              "(`git log --oneline` lists them)")
    first = text.splitlines()[0] if text else "no message"
    return GitUnavailable("git-failed", f"git failed ({printable(first)}); check that `git log` works in {folder}")


# Git holds no single object larger than this. To pair a deleted file with an added one of about its
# size, git reads both whole: two 1 GB versions, which zlib keeps in 2 MB of a pull request, took git
# 2 GB of memory in every `git log` and `git diff`. Past the limit git stops, and changes are read again
# without pairing renames (`_paired`). A disclosure is at most 5 MB, so no version that is read comes near.
ALLOC_LIMIT = 64 << 20


def git_env() -> dict[str, str]:
    # History is what was committed: a replace ref or a grafts file (local, and never in a clone) made
    # `git log` show another commit's changes under a real commit's name, or cut the history short.
    return {**os.environ, "LC_ALL": "C", "LANG": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat",
            "GIT_NO_REPLACE_OBJECTS": "1", "GIT_GRAFT_FILE": os.devnull, "GIT_ALLOC_LIMIT": str(ALLOC_LIMIT)}


# Git pairs a deleted file with an added one only while a commit has fewer files than its rename limit
# (1,000 by default): past it, 2,000 companies renamed at once each became a withdrawn company and a new
# one. Pairing is quadratic in the files: 4,000 take git 3 s, 10,000 about 20.
RENAME_LIMIT = 10_000


def git_command(*args: str) -> list[str]:
    # A user's settings must not change what is parsed: root commits shown, paths from the top, renames found.
    # Nor may a repository's own config run a program: `core.fsmonitor` names one that git runs whenever it
    # reads the index (`git diff` against the working tree, `git ls-files`).
    settings = ("core.quotepath=off", "log.showSignature=false", "log.showRoot=true", "diff.relative=false",
                f"diff.renameLimit={RENAME_LIMIT}", "diff.renames=true", "core.fsmonitor=false",
                "advice.graftFileDeprecated=false")
    return ["git", *(x for s in settings for x in ("-c", s)), *args]


def run(folder: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run one git command in `folder`; every failure becomes a GitUnavailable."""
    try:
        done = subprocess.run(git_command(*args), cwd=folder, input=stdin, capture_output=True, env=git_env(),
                              check=False)
    except FileNotFoundError:
        raise GitUnavailable("git-missing", "git is not installed; install git to show change history") from None
    except OSError as e:
        raise GitUnavailable("git-failed", f"cannot run git: {e.strerror}") from None
    if done.returncode != 0:
        raise _explain(done.stderr.decode("utf-8", "replace"), folder)
    return done.stdout


def _existing(folder: Path) -> Path:
    """The folder, or its nearest existing parent: withdrawing every file removes the folder."""
    folder = folder.resolve()
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def _work_tree(folder: Path) -> Path:
    """The nearest folder, `folder` or one holding it, with a `.git` of its own: where git is asked.

    Git takes a folder holding HEAD, objects/ and refs/ for a bare repository, and a pull request can
    commit such files into disclosures/: asked from there, git read that planted repository, with its
    own history and settings, instead of the one the folder belongs to. No `.git` can be committed."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def locate(folder: Path) -> tuple[Path, str, str]:
    """The repository's top folder, `folder` relative to it, and HEAD's commit; refuses shallow clones."""
    cwd = _work_tree(_existing(folder))
    out = run(cwd, "rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD").decode()
    top, shallow, head = (out.split("\n") + ["", ""])[:3]
    if shallow.strip() == "true":
        raise GitUnavailable("shallow", SHALLOW_FIX)
    top_path = Path(top).resolve()
    try:
        rel = folder.resolve().relative_to(top_path).as_posix()
    except ValueError:
        raise GitUnavailable("not-a-repository", f"{folder} is outside the git repository {top_path}") from None
    return top_path, "" if rel == "." else rel, head.strip()


def ever_held(folder: Path) -> bool:
    """Whether a commit of HEAD's line held a file in `folder`: one gone since its last file was removed."""
    try:
        top, rel, _ = locate(folder)
        return bool(rel) and bool(run(top, "log", "-1", "--format=%H", "HEAD", "--", f":(literal){rel}").strip())
    except GitUnavailable:
        return False


# A tree entry that is not a file: its "blob" is a link's target or another repository's commit,
# whose bytes read as a disclosure said only "the file must be a mapping" or "the file is empty".
# The entry is kept under its kind, so each version says what it was.
NOT_FILES = {"120000": "symlink", "160000": "submodule"}


def entry(mode: str, sha: str) -> str:
    """A tree entry's id as history keeps it: a file's blob, else its kind before the id (`symlink:…`)."""
    kind = NOT_FILES.get(mode.lstrip(":"))
    return f"{kind}:{sha}" if kind else sha


def kind_of(blob: str) -> str:
    """'symlink' or 'submodule' for an entry that is not a file, '' for a file's blob."""
    kind = blob.split(":", 1)[0]
    return kind if kind in NOT_FILES.values() and ":" in blob else ""


@dataclass(frozen=True)
class Change:
    status: str        # A, M, D, R, T (one letter)
    old_path: str
    path: str
    blob: str | None   # the new content; None when the file was deleted
    old_blob: str | None = None   # the content before; None when the file was added


def in_folder(path: str, rel: str) -> bool:
    """Whether `path` is a disclosure's: a YAML file directly in the folder `rel`, not in a subfolder."""
    prefix = f"{rel}/" if rel else ""
    return path.startswith(prefix) and "/" not in path[len(prefix):] and path.endswith(SUFFIXES)


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str          # commit date, strict ISO 8601
    author: str
    message: str       # the subject line
    changes: tuple[Change, ...]


_FORMAT = "%x1e%H%x1f%cI%x1f%an%x1f%s"


def walk(top: Path, rel: str, revisions: str = "HEAD") -> list[Commit]:
    """The commits in `revisions` that touched `rel`, oldest first, with their file changes (renames found).

    Along first parents only, a merge compared with its first parent: the line of states
    the branch really had. Walking every commit would interleave parallel branches,
    and each would seem to undo the other's changes.
    """
    out = _paired(top, "log", "--first-parent", "-m", "--raw", "--no-abbrev", "-M", "-z", "--no-color", "--reverse",
                  f"--format={_FORMAT}", revisions, "--", rel or ".")
    commits: list[Commit] = []
    head: list[str] | None = None
    changes: list[Change] = []
    for token, change in _raw(out):
        if change:
            changes.append(change)
            continue
        if head:
            commits.append(_commit(head, changes))
        head, changes = token[1:].split("\x1f", 3), []
    if head:
        commits.append(_commit(head, changes))
    return commits


def _raw(out: bytes, errors: str = "replace") -> Iterator[tuple[str, Change | None]]:
    """`--raw -z` output: each file change, and each commit header (a token opening with \\x1e)."""
    tokens = out.decode("utf-8", errors).split("\0")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        i += 1
        if token.startswith("\x1e"):
            yield token, None
        elif token.startswith(":"):
            meta = token.split()
            status, old, new = meta[4][0], meta[2], meta[3]
            paths = tokens[i:i + 2] if status in "RC" else tokens[i:i + 1]
            i += len(paths)
            yield token, Change(status, paths[0], paths[-1], None if status == "D" else entry(meta[1], new),
                                None if old == NO_SHA else entry(meta[0], old))


def changes_between(top: Path, rel: str, old: str, new: str | None) -> list[Change]:
    """File changes from revision `old` to `new` (None: the working tree, whose blob is None)."""
    revisions = [old, new] if new else [old]
    if any(r.startswith("-") for r in revisions):
        raise GitUnavailable("git-failed", "a revision cannot start with '-'; name a branch, tag or commit")
    out = _paired(top, "diff", "--raw", "--no-abbrev", "-M", "-z", "--no-color", *revisions, "--", rel or ".")
    # A name that is not UTF-8 keeps its bytes (as the file system's names do): the caller says so.
    return [c for _, c in _raw(out, "surrogateescape") if c]


def _paired(top: Path, *args: str) -> bytes:
    """`git args` with renames found (`-M`); where that would make git hold a version over ALLOC_LIMIT
    (two huge versions of about one size), the same without: a deleted file and an added one."""
    try:
        return run(top, *args)
    except GitUnavailable as e:
        if e.reason != "too-large":
            raise
    at = args.index("-M")
    return run(top, *args[:at], "--no-renames", *args[at + 1:])


def _commit(head: list[str], changes: list[Change]) -> Commit:
    sha, date, author, message = (head + ["", "", ""])[:4]
    return Commit(sha, date, scrub(author) or "unknown", scrub(message), tuple(changes))


def extends(top: Path, old: str, new: str) -> bool:
    """Whether `new`'s first-parent line passes through `old`: a walk up to `old` can be extended."""
    lines = run(top, "rev-list", "--first-parent", "--parents", f"{old}..{new}").splitlines()
    return bool(lines) and lines[-1].split()[1:2] == [old.encode()]


@dataclass(frozen=True)
class Blob:
    sha: str
    size: int
    content: bytes | None   # None: larger than the limit, so never read


# Object sizes already asked of git, by object id (an object's size never changes): history
# asks once to plan its chunks, and again as each chunk reads its blobs. Bounded.
_SIZES: dict[str, int] = {}
_SIZES_KEPT = 1_000_000


def sizes(top: Path, shas: list[str]) -> dict[str, int]:
    """Each object's size from `git cat-file --batch-check`, without reading it; missing ones left out."""
    unknown = [s for s in shas if s not in _SIZES]
    found = {s: _SIZES[s] for s in shas if s in _SIZES}
    if not unknown:
        return found
    out = run(top, "cat-file", "--batch-check", stdin="".join(s + "\n" for s in unknown).encode())
    if len(_SIZES) > _SIZES_KEPT:
        _SIZES.clear()
    for line in out.decode("ascii", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            found[parts[0]] = _SIZES[parts[0]] = int(parts[2])
    return found

"""Folders of a build that was killed midway (CI's cancel-in-progress): found and removed by the next.

Every folder a build makes beside the site or in the temporary folder carries its maker in
its name: host, process id and the process's start time. A later build removes those whose
process is gone, and never one whose process still runs: two builds side by side keep each
other's folders. A folder of another host (a container, a shared disk) is left alone, since
its process cannot be looked up from here.
"""

from __future__ import annotations

import glob
import os
import re
import socket
import tempfile
from pathlib import Path

from .removal import mark, remove_later

_TAG = re.compile(r"([A-Za-z0-9.]+)-p(\d+)-s(\d+)-")


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9.]", "", socket.gethostname()) or "host"


def started(pid: int) -> int | None:
    """When process `pid` started (clock ticks after boot, from /proc); 0 without /proc; None when gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return int(stat.rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        pass
    if Path("/proc/self/stat").exists():
        return None
    try:   # no /proc: only whether the process exists
        os.kill(pid, 0)
    except PermissionError:
        return 0
    except OSError:
        return None
    return 0


def tag(pid: int | None = None) -> str:
    """What the names of a process's folders carry after their prefix: this process's by default."""
    pid = os.getpid() if pid is None else pid
    return f"{_host()}-p{pid}-s{started(pid) or 0}-"


def _gone(name: str, prefix: str) -> bool:
    """Whether the folder `name` was made by a process of this host that has ended."""
    found = _TAG.match(name[len(prefix):])
    if found is None or found.group(1) != _host():
        return False
    return started(int(found.group(2))) != int(found.group(3))


def sweep_gone(parent: Path, prefix: str) -> None:
    """Remove this user's folders in `parent` named `prefix` + a tag whose process is gone."""
    for found in parent.glob(glob.escape(prefix) + "*"):
        try:
            if (found.is_symlink() or not found.is_dir() or found.lstat().st_uid != os.getuid()
                    or not _gone(found.name, prefix)):
                continue
            mark(found)
        except OSError:
            continue
        remove_later(found)


def claim(prefix: str, parent: Path | None = None) -> str:
    """The prefix for a new folder of this process in `parent` (the temporary folder by default),
    once the folders of the same prefix that ended builds left there are on their way out."""
    sweep_gone(Path(parent or tempfile.gettempdir()), prefix)
    return prefix + tag()

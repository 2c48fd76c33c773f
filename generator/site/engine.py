"""`python -m generator.site.engine mkdocs build …`: the engine's own command line, then an exit at once.

A build of 10,000 companies holds millions of objects when its command returns. The
interpreter's own exit would free them one by one and collect once more: about 2 s at
1,000 companies, tens of seconds at 10,000, with every file already written. So once the
command has returned, the exit handlers run (temporary folders are removed, logs flushed)
and the process ends without taking the objects apart.

`python -m` puts the current folder, the project, first on the module path: a Markdown
extension named in mkdocs.yml (`markdown_extensions: [tweaks]`) would then be the
repository's own tweaks.py, run by the build. The engine imports only installed code.
"""

from __future__ import annotations

import atexit
import os
import runpy
import sys
from pathlib import Path

from ..text import printable


def _code(status: object) -> int:
    """An exit status as the interpreter would turn it into a process's: text is said, and means 1."""
    if status is None or isinstance(status, int):
        return status or 0
    print(status, file=sys.stderr)
    return 1


def _installed_only() -> None:
    """The module path without the current folder, unless this package itself is imported from there."""
    here, package = Path.cwd().resolve(), Path(__file__).resolve().parents[2]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here or here == package]


def main() -> None:
    _installed_only()
    engine, *arguments = sys.argv[1:]
    sys.argv = [engine, *arguments]
    try:
        runpy.run_module(engine, run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as done:
        code = _code(done.code)
    except Exception as e:   # a full disk, a folder that cannot be written: one line, not MkDocs' traceback
        print(f"not built: {type(e).__name__}: {printable(str(e))}", file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()

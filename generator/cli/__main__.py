"""`python -m generator.cli`, as the installed `disclose`."""

import os

from . import main

os.environ.setdefault("PYTHONUTF8", "1")
main()

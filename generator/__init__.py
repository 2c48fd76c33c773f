"""disclose: corporate human-rights disclosures, checked and published.

The package's folders are the stages data flows through, one way:
load (YAML bytes → data and source map) → check (data → problems) → history (git →
versions → semantic changes) → registry (all disclosures → cross-company indexes) →
site (pages, exports, feeds). `authoring` writes disclosures: starter files and
spreadsheets in and out. `model`, `text` and `problems` are the vocabulary every stage
shares (`text`: what a terminal, a spreadsheet cell or a disclosure value may hold);
`pipeline` runs the stages; `cli` and `plugin` are the two faces.
"""

import os

# numpy's BLAS starts a pool of threads when it is imported, and pyarrow's allocator a thread of its own; nothing
# here uses either. The build forks its workers, and a fork copies no thread but every lock a thread may hold
# (Python 3.12 warns at each fork).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("JE_ARROW_MALLOC_CONF", "background_thread:false")

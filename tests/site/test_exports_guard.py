"""The site's CSVs write company text so that no spreadsheet runs it: even text that validation
would refuse (defence in depth) stays in its cell, on its row, with no line starting a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.load.loader import load_file
from generator.model import Disclosure
from generator.registry.registry import Registry
from generator.site.exports import exports

FULL = Path(__file__).parents[1] / "cases" / "valid" / "full-example.yaml"
PAYLOAD = "Harmless Co\r=cmd|' /C calc'!A0"


def test_a_carriage_return_payload_stays_in_its_cell_in_every_csv() -> None:
    data = load_file(FULL).data
    data["suppliers"][0]["name"] = PAYLOAD
    data["due_diligence"][0]["summary"] = "line one\n@SUM(A1)"
    assets = {a.path: a.data() for a in exports(Registry.of([Disclosure.of(data)]), {})}
    for path in ("data/suppliers.csv", "companies/full-example/full-example.csv", "data/due_diligence.csv"):
        text = assets[path] if isinstance(assets[path], str) else assets[path].decode()
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len({len(r) for r in rows}) == 1, path   # no row was split by the payload
        for cell in (c for r in rows for c in r):
            assert not any(line.startswith(("=", "+", "@")) for line in cell.replace("\r", "\n").split("\n")), cell
    suppliers = assets["data/suppliers.csv"]   # made into a file as it is built: read back as bytes
    assert "'=cmd" in (suppliers if isinstance(suppliers, str) else suppliers.decode())

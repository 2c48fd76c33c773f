"""`disclose new`: a starter disclosure that validates as written."""

from __future__ import annotations

import datetime as dt
import json
import re

from ..text import hidden_character

# Relative to disclosures/: this repository's schema/, and the copy `disclose init` writes.
SCHEMA_REF = "../schema/disclosure.schema.json"

STARTER = """\
# yaml-language-server: $schema={schema}
# A human-rights due-diligence disclosure. Field reference: the site's /schema/ page.
# Check it with: disclose validate {path}
schema_version: "1.0"

company:
  id: {id}
  name: {name}
  # headquarters: GB          # ISO 3166-1 country code
  # website: https://example.com

disclosure:
  period:
    start: {start}
    end: {end}
  published: {today}

# operations:
#   - country: CN
#     subdivision: CN-XJ       # ISO 3166-2; CN-XJ is Xinjiang
#     activities: [sourcing]

# suppliers:
#   - id: first-supplier
#     name: First Supplier Co., Ltd.
#     country: CN
#     relationship: supplier
#     tier: 1

# due_diligence:
#   - id: risk-assessment-{year}
#     step: risk-assessment
#     status: planned
#     summary: What will be assessed, and how.
"""


MAX_NAME = 500  # as the schema's `name`

# Characters a YAML file may not hold as they are (C1 controls, DEL, non-characters), and
# those libyaml reads as line breaks (NEL, LS, PS): written as escapes instead.
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def name_problem(name: str) -> str | None:
    """Why a name cannot go into a disclosure, in words; None when it can."""
    if not name.strip():
        return "the name is empty; give the company's usual name"
    if len(name) > MAX_NAME:
        return f"the name is longer than {MAX_NAME} characters"
    if any("\ud800" <= c <= "\udfff" for c in name):
        return "the name is not valid text (check the terminal's encoding: UTF-8 is expected)"
    if hidden := hidden_character(name):
        return f"the name holds {hidden[1]} at character {hidden[0] + 1}; write it on one line without it"
    return None


def quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text`."""
    # A JSON string is a YAML double-quoted scalar once the characters above are escaped.
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def starter(company_id: str, name: str, today: dt.date) -> str:
    return STARTER.format(
        id=company_id, name=quoted(name), schema=SCHEMA_REF, path=f"disclosures/{company_id}.yaml",
        start=f"{today.year - 1}-01-01", end=f"{today.year - 1}-12-31", today=today.isoformat(), year=today.year,
    )

"""`disclose new`: a starter disclosure that validates as written."""

from __future__ import annotations

import datetime as dt
import json

STARTER = """\
# yaml-language-server: $schema=../schema/disclosure.schema.json
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


def starter(company_id: str, name: str, today: dt.date) -> str:
    # JSON strings are valid YAML double-quoted scalars: any name is written safely.
    return STARTER.format(
        id=company_id, name=json.dumps(name, ensure_ascii=False), path=f"disclosures/{company_id}.yaml",
        start=f"{today.year - 1}-01-01", end=f"{today.year - 1}-12-31", today=today.isoformat(), year=today.year,
    )

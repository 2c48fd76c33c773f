"""A deterministic corpus of valid disclosure files, for benchmarks.

`write_corpus(folder, companies, entities, seed)` writes one YAML file per company,
each with `entities` partners, suppliers and government counterparties, due-diligence
steps that point at them, risks and screening records. About a third of each firm's
entities come from a shared pool, spelled as the other firms spell them, so that
cross-company indexes (entity pages, regions) have real joins to make. The same
arguments always give byte-identical files.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import yaml

# Countries with subdivisions that pycountry knows; all data is invented.
PLACES = (("CN", "CN-XJ", "Urumqi"), ("CN", "CN-XJ", "Aksu"), ("CN", "CN-XJ", "Kashgar"), ("CN", "CN-GD", "Dongguan"),
          ("CN", "CN-ZJ", "Shaoxing"), ("CN", "CN-JS", "Suzhou"), ("VN", "VN-SG", "Ho Chi Minh City"),
          ("BD", "BD-C", "Dhaka"), ("IN", "IN-TN", "Tiruppur"), ("TR", "TR-35", "Izmir"), ("US", "US-TX", "Lubbock"),
          ("DE", "DE-BY", "Munich"), ("NO", "NO-03", "Oslo"))
HOMES = ("DE", "NL", "GB", "US", "NO", "FR", "SE", "JP", "CH", "DK")
WORDS = ("Amber", "Birch", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Kestrel",
         "Linden", "Meadow", "Nimbus", "Onyx", "Pine", "Quartz", "Raven", "Sable", "Tundra", "Umber", "Vale")
TRADES = (("Textile", "纺织"), ("Spinning", "纺纱"), ("Garment", "服装"), ("Electronics", "电子"),
          ("Distribution", "分销"), ("Logistics", "物流"), ("Cotton", "棉业"), ("Imaging", "影像"))
SYLLABLES = (("Hong", "宏"), ("Xin", "鑫"), ("Tian", "天"), ("Rui", "瑞"), ("Jin", "锦"), ("Yun", "云"),
             ("Sheng", "晟"), ("Lan", "蓝"), ("Feng", "丰"), ("Ming", "明"), ("Hua", "华"), ("Tai", "泰"))
CITY_ZH = {"Urumqi": "乌鲁木齐", "Aksu": "阿克苏", "Kashgar": "喀什", "Dongguan": "东莞", "Shaoxing": "绍兴",
           "Suzhou": "苏州"}
PARTNER_KINDS = ("joint-venture", "distributor", "licensee", "research-collaboration", "service-provider",
                 "investor", "customer", "other")
STATE_KINDS = ("public-security", "military", "military-economic", "state-owned-enterprise", "government-agency",
               "state-research-institute", "other")
STATE_RELATIONS = ("customer", "supplier", "partner", "licensor", "grantor", "regulator", "other")
STEPS = ("risk-assessment", "independent-audit", "stakeholder-engagement", "partner-disclosure", "mitigation",
         "monitoring", "public-report", "remediation", "grievance-mechanism", "responsible-exit")
CATEGORIES = ("forced-labour", "surveillance-misuse", "data-without-consent", "discrimination",
              "freedom-of-expression", "privacy", "land-rights", "other")
USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Plain scalars that YAML 1.2 reads as numbers although PyYAML (YAML 1.1) writes them
# unquoted: "91650100135552E185" is a float, "012345678" an integer.
_NUMERIC = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")


class _Dumper(yaml.CSafeDumper):
    """Quotes every text that a YAML 1.2 reader would take for a number."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _NUMERIC.match(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def _uscc(rng: random.Random) -> str:
    return "91650100" + "".join(rng.choice(USCC) for _ in range(10))


def _date(rng: random.Random, first: int = 2010, last: int = 2024) -> str:
    return f"{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _entity(rng: random.Random, number: int) -> dict[str, Any]:
    """An entity as the shared pool holds it; each firm spells it its own way."""
    country, subdivision, city = rng.choice(PLACES)
    (en1, zh1), (en2, zh2) = rng.choice(SYLLABLES), rng.choice(SYLLABLES)
    trade, trade_zh = rng.choice(TRADES)
    item: dict[str, Any] = {"id": f"e{number:06d}", "name": f"{city} {en1}{en2.lower()} {trade} Co., Ltd.",
                            "country": country, "subdivision": subdivision, "city": city}
    if country == "CN":
        item["local_name"] = f"{CITY_ZH[city]}{zh1}{zh2}{trade_zh}有限公司"
        if rng.random() < 0.6:
            item["identifiers"] = {"uscc": _uscc(rng)}
    elif rng.random() < 0.4:
        item["identifiers"] = {"duns": f"{rng.randint(10**8, 10**9 - 1)}"}
    return item


def _spelled(rng: random.Random, entity: dict[str, Any]) -> dict[str, Any]:
    """The same entity as another firm writes it: capitals, no punctuation, no identifiers."""
    item = dict(entity)
    roll = rng.random()
    if roll < 0.3:
        item["name"] = item["name"].upper().replace(".", "").replace(",", "")
    elif roll < 0.5:
        item.pop("identifiers", None)
    elif roll < 0.6:
        item.pop("local_name", None)
    return item


def _as_role(rng: random.Random, item: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Give an entity a list and the fields of that list, in the schema's field order."""
    roll = rng.random()
    if roll < 0.2:
        lst, extra = "partners", {"relationship": rng.choice(PARTNER_KINDS)}
    elif roll < 0.8:
        lst, extra = "suppliers", {"relationship": "supplier", "tier": rng.choice((1, 2, 3, 4, "raw-material")),
                                   "products": [rng.choice(("yarn", "fabric", "garments", "cameras", "lint"))],
                                   "workers": rng.randint(10, 5000)}
    else:
        lst, extra = "government_counterparties", {"relationship": rng.choice(STATE_RELATIONS),
                                                   "kind": rng.choice(STATE_KINDS),
                                                   "services": ["video analytics licences"],
                                                   "end_use": "Stated as public safety."}
    item = {**item, **extra, "since": rng.randint(2005, 2023)}
    status = rng.choices(("active", "suspended", "ended"), (8, 1, 1))[0]
    if status != "active":
        item.update(status=status, until=_date(rng, 2024, 2025))
    return lst, item


def _steps(rng: random.Random, ids: list[str], risks: list[str]) -> list[dict[str, Any]]:
    steps = []
    for n, step in enumerate(rng.sample(STEPS, k=rng.randint(4, len(STEPS)))):
        status = rng.choice(("planned", "in-progress", "completed", "not-undertaken"))
        item: dict[str, Any] = {"id": f"dd-{n}", "step": step, "status": status,
                                "summary": f"{step.replace('-', ' ').capitalize()} covering {len(ids)} entities."}
        if status == "completed":
            item["date"] = _date(rng, 2024, 2025)
        elif status == "planned":
            item["due"] = _date(rng, 2026, 2027)
        elif status == "not-undertaken":
            item["reason"] = "Not possible in the reporting period."
        item["scope"] = rng.sample(ids, k=min(len(ids), rng.randint(1, 20)))
        if step == "independent-audit" or rng.random() < 0.3:
            item["conducted_by"] = {"name": "Example Assurance Partners", "independent": True}
        item["risks"] = rng.sample(risks, k=1)
        steps.append(item)
    return steps


def make_disclosure(rng: random.Random, number: int, pool: list[dict[str, Any]], entities: int) -> dict[str, Any]:
    """One disclosure: about a third of its entities from the shared pool."""
    shared = rng.sample(pool, k=min(len(pool), entities // 3))
    own = [_entity(rng, 100_000 * (number + 1) + n) for n in range(entities - len(shared))]
    lists: dict[str, list[dict[str, Any]]] = {"partners": [], "suppliers": [], "government_counterparties": []}
    for item in [_spelled(rng, e) for e in shared] + own:
        lst, placed = _as_role(rng, item)
        lists[lst].append(placed)
    ids = [e["id"] for items in lists.values() for e in items]
    risks = [{"id": f"r-{n}", "category": category, "description": f"Risk of {category.replace('-', ' ')}.",
              "severity": rng.choice(("low", "medium", "high", "severe")),
              "entities": rng.sample(ids, k=min(len(ids), 5)), "status": rng.choice(("open", "mitigated", "closed"))}
             for n, category in enumerate(rng.sample(CATEGORIES, k=3))]
    word, published = rng.choice(WORDS), f"2026-{rng.randint(1, 10):02d}-15"
    doc: dict[str, Any] = {
        "schema_version": "1.0",
        "company": {"id": f"synthetic-{number:05d}", "name": f"{word} Synthetic {number} (example)",
                    "headquarters": rng.choice(HOMES), "website": f"https://synthetic-{number}.example.com"},
        "disclosure": {"period": {"start": "2025-01-01", "end": "2025-12-31"}, "published": published,
                       "updated": published, "example": True},
        "operations": [{"country": c, "subdivision": s, "activities": ["sourcing"], "since": 2015}
                       for c, s, _ in rng.sample(PLACES, k=3)],
        **{k: v for k, v in lists.items() if v},
        "due_diligence": _steps(rng, ids, [r["id"] for r in risks]),
        "risks": risks,
        "sources": [{"title": "Annual report", "url": f"https://synthetic-{number}.example.com/report", "date": 2025}],
    }
    if rng.random() < 0.2:
        doc["screening"] = [{"entity": ids[0], "list": "uflpa-entity-list", "decision": "not-a-match",
                             "reason": "Different registration number.", "date": "2026-01-15"}]
    return doc


def dump(doc: dict[str, Any]) -> str:
    """Block-style YAML that reads back the same under the loader's YAML 1.2 rules."""
    text = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
    return "# yaml-language-server: $schema=../schema/disclosure.schema.json\n" + text


def write_corpus(folder: Path, companies: int, entities: int, seed: int = 1) -> list[Path]:
    """Write `companies` valid disclosures of `entities` entities each; return their paths in order."""
    rng = random.Random(seed)
    pool = [_entity(rng, n) for n in range(max(30, entities))]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(companies):
        doc = make_disclosure(rng, number, pool, entities)
        path = folder / f"{doc['company']['id']}.yaml"
        path.write_text(dump(doc), encoding="utf-8")
        paths.append(path)
    return paths

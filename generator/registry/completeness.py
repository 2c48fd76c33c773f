"""How much of a framework a disclosure covers, by profiles written as data.

A profile (profiles/*.yaml) lists items; each item has a `rule` and a `fix`, the field
a company would fill in to cover it. Rules, all plain data:

- `step: S` and `status: [..]`: a due-diligence step S with one of these statuses;
- `each: LIST` and `require: [fields]`: LIST is not empty and every item has every field;
- `any: LIST`, optional `where: {field: [values]}` and `require: [fields]`: at least one
  item matches (a list-valued field matches when it shares a value);
- `field: a.b.c`: the value at that path is present;
- `mentions: [words]` and `in: LIST`: some text of LIST's items contains one of the words;
- `all_of: [rules]`, `any_of: [rules]`: combinations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..load.files import link_problem
from ..load.loader import load_file
from ..model import Disclosure
from ..problems import Problem

RULE_KEYS = {"step", "status", "each", "require", "any", "where", "field", "mentions", "in", "all_of", "any_of"}
KINDS = ("step", "each", "any", "field", "mentions", "all_of", "any_of")


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    rule: Mapping[str, Any]
    fix: str


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    url: str
    items: tuple[Item, ...]
    order: int = 100  # the place in lists and on the compare page; UNGP comes first


@dataclass(frozen=True)
class Result:
    item: Item
    covered: bool
    detail: str  # why it is covered or lacking, for the reader


@dataclass(frozen=True)
class Score:
    profile: Profile
    results: tuple[Result, ...]

    @property
    def covered(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.covered)

    @property
    def lacking(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if not r.covered)

    @property
    def percent(self) -> int:
        return round(100 * len(self.covered) / len(self.results)) if self.results else 0


_ABSENT = (None, "", [], {})   # `in` compares by ==, as _present does


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


Where = list[tuple[str, frozenset[str]]]


def _where(rule: Mapping[str, Any]) -> Where:
    """A rule's `where`, its allowed values as text, made once per rule and company, not once per item."""
    return [(key, frozenset(str(a) for a in allowed)) for key, allowed in rule.get("where", {}).items()]


def _matches(item: Mapping[str, Any], where: Where) -> bool:
    for key, allowed in where:
        value = item.get(key)
        if allowed.isdisjoint([str(v) for v in value] if isinstance(value, list) else (str(value),)):
            return False
    return True


def _rows(data: Mapping[str, Any], rule: Mapping[str, Any], name: str) -> list[Any]:
    where = _where(rule)
    rows = data.get(name) or []
    return [r for r in rows if _matches(r, where)] if where else list(rows)


def _missing(item: Mapping[str, Any], fields: Iterable[str]) -> list[str]:
    return [f for f in fields if item.get(f) in _ABSENT]


def _each(data: Mapping[str, Any], rule: Mapping[str, Any]) -> tuple[bool, str]:
    rows = _rows(data, rule, rule["each"])
    if not rows:
        return False, f"no {rule['each']} disclosed"
    lacking: dict[str, int] = {}
    require = rule.get("require", ())
    for row in rows:
        for f in require:
            if row.get(f) in _ABSENT:
                lacking[f] = lacking.get(f, 0) + 1
    if not lacking:
        return True, f"all {len(rows)} {rule['each']} give {', '.join(rule.get('require', ()))}"
    return False, "; ".join(f"{n} of {len(rows)} {rule['each']} lack {f}" for f, n in lacking.items())


def _any(data: Mapping[str, Any], rule: Mapping[str, Any]) -> tuple[bool, str]:
    require = rule.get("require", ())
    rows = [r for r in _rows(data, rule, rule["any"]) if not _missing(r, require)]
    what = rule["any"] + (" " + ", ".join(f"{k} {'/'.join(map(str, v))}" for k, v in rule["where"].items())
                          if rule.get("where") else "")
    return (True, f"{len(rows)} {what}") if rows else (False, f"no {what}")


def _field(data: Mapping[str, Any], rule: Mapping[str, Any]) -> tuple[bool, str]:
    value: Any = data
    for part in str(rule["field"]).split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return (True, f"{rule['field']} given") if _present(value) else (False, f"no {rule['field']}")


def _mentions(data: Mapping[str, Any], rule: Mapping[str, Any]) -> tuple[bool, str]:
    words = [str(w).casefold() for w in rule["mentions"]]
    for row in data.get(rule.get("in", "due_diligence")) or []:
        text = " ".join(str(v) for v in row.values() if isinstance(v, str)).casefold()
        if any(w in text for w in words):
            return True, f"{rule.get('in', 'due_diligence')} {row.get('id', '')} mentions it"
    return False, f"nothing in {rule.get('in', 'due_diligence')} mentions {' or '.join(words)}"


def evaluate(data: Mapping[str, Any], rule: Mapping[str, Any]) -> tuple[bool, str]:
    if "step" in rule:
        statuses = rule.get("status") or ["completed"]
        found = [s for s in data.get("due_diligence") or [] if s.get("step") == rule["step"]]
        good = [s for s in found if s.get("status") in statuses]
        if good:
            return True, f"{rule['step']} {good[0]['status']}"
        return False, f"{rule['step']} {found[0]['status']}" if found else f"no {rule['step']} step"
    if "each" in rule:
        return _each(data, rule)
    if "any" in rule:
        return _any(data, rule)
    if "field" in rule:
        return _field(data, rule)
    if "mentions" in rule:
        return _mentions(data, rule)
    parts = [evaluate(data, r) for r in rule.get("all_of") or rule.get("any_of") or []]
    ok = all(p[0] for p in parts) if "all_of" in rule else any(p[0] for p in parts)
    return ok, "; ".join(p[1] for p in parts)


def score(disclosure: Disclosure, profile: Profile) -> Score:
    return Score(profile, tuple(Result(item, *evaluate(disclosure.raw, item.rule)) for item in profile.items))


def completeness(disclosure: Disclosure, profiles: Iterable[Profile]) -> list[Score]:
    """One score per profile, in the order given."""
    return [score(disclosure, p) for p in profiles]


def rule_problems(rule: Any) -> list[str]:
    """What is wrong with a rule, in words; empty when it is well formed."""
    if not isinstance(rule, Mapping):
        return ["a rule is a mapping such as {step: risk-assessment}"]
    unknown = sorted(set(rule) - RULE_KEYS)
    kinds = [k for k in KINDS if k in rule]
    errors = [f"unknown rule key '{k}'" for k in unknown]
    if len(kinds) != 1:
        errors.append(f"a rule needs exactly one of {', '.join(KINDS)}")
    for key in ("all_of", "any_of"):
        for sub in rule.get(key) or []:
            errors.extend(rule_problems(sub))
    return errors


def load_profile(path: Path) -> tuple[Profile | None, list[Problem]]:
    doc = load_file(path)
    if doc.data is None:
        return None, list(doc.problems)
    problems = list(doc.problems)
    items = []
    for i, raw in enumerate(doc.data.get("items") or []):
        if not isinstance(raw, Mapping) or not raw.get("id") or not raw.get("fix"):
            problems.append(doc.problem(["items", i], "profile-item", "an item needs id, label, rule and fix"))
            continue
        errors = rule_problems(raw.get("rule"))
        problems.extend(doc.problem(["items", i, "rule"], "profile-rule", e) for e in errors)
        if not errors:
            items.append(Item(str(raw["id"]), str(raw.get("label") or raw["id"]), raw["rule"], str(raw["fix"])))
    if not items:
        problems.append(doc.problem([], "profile-empty", "a profile needs items:, a list of checks"))
    data = doc.data
    order = data.get("order") if isinstance(data.get("order"), int) else 100
    url = str(data.get("url") or "")
    url = url if url.startswith(("https://", "http://")) else ""  # shown as a link: no javascript: urls
    return Profile(str(data.get("id") or path.stem), str(data.get("title") or path.stem), url,
                   tuple(items), order), problems


def load_profiles(folder: Path) -> tuple[list[Profile], list[Problem]]:
    """Every profile in the folder; each file is read as a disclosure is (no link, no pipe), and a
    folder reached through a link is not read at all."""
    if linked := link_problem(folder, "this folder"):
        return [], [linked]
    profiles, problems = [], []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        profile, found = load_profile(path)
        problems.extend(found)
        if profile and profile.items:
            profiles.append(profile)
    return sorted(profiles, key=lambda p: (p.order, p.id)), problems


def percentages(scores: Iterable[Score]) -> dict[str, int]:
    """Profile id → percent of items covered: the short column of the compare page."""
    return {s.profile.id: s.percent for s in scores}

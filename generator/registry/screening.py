"""Screen every partner, supplier and counterparty against the watchlists.

Three tests, strongest first: an equal registry identifier; an equal normalised name
(any of name, local name and aliases against the listed name and its aliases, after
`names.normalise`); then fuzzy similarity of normalised names at or above `THRESHOLD`.
Fuzzy comparison only runs against listed names that share a word with the entity
(blocking by tokens), so 100,000 listed names cost a few dictionary look-ups per entity
instead of 100,000 comparisons.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz, process

from ..model import Disclosure, Entity
from ..text import printable_json
from .names import normalise
from .watchlists import Listed, Watchlist

# Chosen on tests/data/screening-labels.csv with `python -m benchmarks.screening`:
# precision is 1.0 from 88 up and recall drops only at 100; 90 leaves a margin above 88.
THRESHOLD = 90.0


def similarity(a: str, b: str, score_cutoff: float = 0.0) -> float:
    """Word order ignored (token sort), and word breaks ignored ("non-ferrous", "newenergy")."""
    return max(fuzz.token_sort_ratio(a, b, score_cutoff=score_cutoff),
               fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""), score_cutoff=score_cutoff))


SCORER = similarity
# A word carried by more than this share of listed names ("xinjiang", "trade") is too
# common to pick candidates by, unless an entity has no rarer word.
COMMON_SHARE = 0.02
COMMON_MIN = 50
# Listed names a name is compared with, at most: a hostile watchlist of 500,000 names that all share an entity's
# words ("Garment Textile W000001", …) had every supplier compared with all of them, 1.5 s a name, hours a build.
# The rarest words' names are taken first; past the bound, a name is matched by identifier and exact name only.
MAX_CANDIDATES = 10_000

IDENTIFIER, EXACT = "identifier", "exact normalised name"


@dataclass(frozen=True)
class Match:
    list: str           # the watchlist's id (file stem)
    listed_name: str
    company: str        # id of the disclosing company
    entity: str         # entity id within that disclosure
    entity_name: str
    entity_list: str    # partners, suppliers or government_counterparties
    score: float        # 100 for identifier and exact-name matches
    reason: str         # "identifier", "exact normalised name" or "fuzzy NN"
    decision: str = ""  # from the disclosure's screening records: not-a-match, confirmed-match or ""
    review_reason: str = ""

    @property
    def reviewed(self) -> bool:
        return bool(self.decision)

    @property
    def open(self) -> bool:
        """Needs attention: not reviewed, or reviewed and confirmed."""
        return self.decision != "not-a-match"


@dataclass
class Index:
    """Listed names by identifier, by normalised name and by word."""

    by_identifier: dict[tuple[str, str], list[Listed]]
    by_name: dict[str, list[Listed]]
    keys: list[tuple[str, Listed]]
    by_token: dict[str, list[int]]
    compact: list[str]  # keys without spaces, for the word-break-blind pass
    # What an entity's names matched, by the names as written: a supplier that many firms
    # disclose is compared with the lists once, not once per firm.
    seen: dict[tuple[object, ...], dict[int, tuple[Listed, float, str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, watchlists: Iterable[Watchlist]) -> Index:
        index = cls(defaultdict(list), defaultdict(list), [], defaultdict(list), [])
        for watchlist in watchlists:
            for listed in watchlist.entries:
                index.add(listed)
        return index

    def add(self, listed: Listed) -> None:
        self.seen.clear()
        for scheme, value in listed.identifiers.items():
            self.by_identifier[(scheme, value.upper())].append(listed)
        for key in {normalise(n) for n in listed.names} - {""}:
            self.by_name[key].append(listed)
            for token in _blocks(key):
                self.by_token[token].append(len(self.keys))
            self.keys.append((key, listed))
            self.compact.append(key.replace(" ", ""))

    def candidates(self, key: str) -> set[int]:
        words = _blocks(key)
        common = max(COMMON_MIN, int(COMMON_SHARE * len(self.keys)))
        postings = sorted((p for w in words if (p := self.by_token.get(w, []))), key=len)
        rare = [p for p in postings if len(p) <= common] or postings[:1]
        found: set[int] = set()
        for posting in rare:
            if len(found) + len(posting) > MAX_CANDIDATES:
                break
            found.update(posting)
        return found


def _blocks(key: str) -> set[str]:
    """Words to pick candidates by; Chinese is written without spaces, so its character pairs."""
    blocks = set(key.split())
    for word in list(blocks):
        if not word.isascii() and len(word) > 2:
            blocks.update(word[i:i + 2] for i in range(len(word) - 1))
    return blocks


def _names(entity: Entity) -> set[str]:
    return {normalise(n) for n in (entity.name, entity.local_name, *entity.aliases) if n} - {""}


def screen_entity(entity: Entity, index: Index, threshold: float = THRESHOLD) -> list[tuple[Listed, float, str]]:
    """Each listed entry the entity matches, once, with its strongest reason."""
    found: dict[int, tuple[Listed, float, str]] = {}
    for scheme, value in entity.identifiers.items():
        for listed in index.by_identifier.get((scheme, str(value).upper()), []):
            found.setdefault(id(listed), (listed, 100.0, IDENTIFIER))
    key = (threshold, entity.name, entity.local_name, entity.aliases)
    if (by_name := index.seen.get(key)) is None:
        by_name = index.seen[key] = _by_name(entity, index, threshold)
    for listed_id, match in by_name.items():
        found.setdefault(listed_id, match)   # an identifier is the strongest reason: it stays
    return list(found.values())


def _by_name(entity: Entity, index: Index, threshold: float) -> dict[int, tuple[Listed, float, str]]:
    """What the entity's names match: equal names first, then similar ones."""
    found: dict[int, tuple[Listed, float, str]] = {}
    keys = _names(entity)
    for key in keys:
        for listed in index.by_name.get(key, []):
            found.setdefault(id(listed), (listed, 100.0, EXACT))
    for key in keys:
        for i, score in _fuzzy(key, index, threshold):
            listed = index.keys[i][1]
            # strictly greater: an identifier or exact match (100) is never relabelled fuzzy
            if score > found.get(id(listed), (listed, 0.0, ""))[1]:
                found[id(listed)] = (listed, round(score, 1), f"fuzzy {score:.0f}")
    return found


def _fuzzy(key: str, index: Index, threshold: float) -> list[tuple[int, float]]:
    """`similarity` over the candidates, computed in rapidfuzz's C++ loops (two passes)."""
    candidates = sorted(index.candidates(key))
    best: dict[int, float] = {}
    passes = ((key, [index.keys[i][0] for i in candidates], fuzz.token_sort_ratio),
              (key.replace(" ", ""), [index.compact[i] for i in candidates], fuzz.ratio))
    for query, choices, scorer in passes:
        for _, score, j in process.extract(query, choices, scorer=scorer, score_cutoff=threshold, limit=None):
            best[candidates[j]] = max(best.get(candidates[j], 0.0), score)
    return list(best.items())


def screen_disclosure(disclosure: Disclosure, index: Index, threshold: float = THRESHOLD) -> list[Match]:
    reviews = {(s.entity, s.list): s for s in disclosure.screening}
    matches = []
    for entity in disclosure.entities:
        for listed, score, reason in screen_entity(entity, index, threshold):
            review = reviews.get((entity.id, listed.list))
            matches.append(Match(listed.list, listed.name, disclosure.id, entity.id, entity.name, entity.list,
                                 score, reason, review.decision if review else "", review.reason if review else ""))
    return matches


def screen_registry(disclosures: Iterable[Disclosure], watchlists: Sequence[Watchlist],
                    threshold: float = THRESHOLD) -> list[Match]:
    """All matches of all disclosures, strongest first within each company."""
    index = Index.of(watchlists)
    matches = [m for d in disclosures for m in screen_disclosure(d, index, threshold)]
    return sorted(matches, key=lambda m: (m.company, -m.score, m.entity, m.list, m.listed_name))


def unreviewed(matches: Iterable[Match]) -> list[Match]:
    return [m for m in matches if not m.reviewed]


def as_text(matches: Sequence[Match]) -> str:
    lines = []
    for m in matches:
        review = f"reviewed: {m.decision}" if m.decision else "NOT REVIEWED"
        lines.append(f"{m.company}/{m.entity}: {m.entity_name!r} ~ {m.list}: {m.listed_name!r} "
                     f"({m.reason}, score {m.score:.0f}) [{review}]")
    return "\n".join(lines)


def as_json(matches: Sequence[Match]) -> str:
    return printable_json([{**asdict(m), "reviewed": m.reviewed} for m in matches])


FORMATS = {"text": as_text, "json": as_json}

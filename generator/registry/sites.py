"""Whether two firms' entities are one site: identifiers first, then name, country and place.

Names are compared after `normalise` with the spaces taken out ("Nan Yang" / "Nanyang");
places are compared with `same_place`, which answers True, False or None (nothing to
compare). Two mentions with one name in one country are one site when their places agree,
or when one gives no place and only one site of that name could be meant; a group's
plants in two towns stay two. Two different `os_id`s, DUNS numbers, LEIs, USCCs or
OpenCorporates numbers are always two entities, and no group holds both (`DECISIVE`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache, lru_cache

import numpy
from rapidfuzz import fuzz, process

from ..model import Entity
from .names import normalise

# Words that say what kind of place, not which: "Hai Phong City", "Wujiang District".
_PLACE_WORDS = re.compile(r"\b(city|town|district|county|municipality|province|prefecture|shi|xian|qu|zhen|"
                          r"sheng|tp|thanh pho|metropolitan|kota|kabupaten|ciudad|cd)\b")
CITY_ALIASES = {"hcmc": "hochiminh", "saigon": "hochiminh", "tphcm": "hochiminh", "bombay": "mumbai",
                "madras": "chennai", "calcutta": "kolkata", "canton": "guangzhou", "rangoon": "yangon"}
SITE_IDENTIFIERS = ("os_id", "duns", "uml_id", "rmi_id")   # name one site (a mill, a smelter)
# Two of one scheme that differ are two entities, whatever their names say: a site's number, or a
# registration of one legal entity (Chinese names one character apart are often two firms).
DECISIVE = (*SITE_IDENTIFIERS, "lei", "uscc", "opencorporates")
FAR_KM = 30.0                                   # coordinates further apart are two sites
CITY_SIMILAR = 90                               # rapidfuzz ratio of folded city names
ADDRESS_SAME, ADDRESS_DIFFERENT = 85, 60        # token-set ratio of folded addresses


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A text as places are compared: case, accents and punctuation gone."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w]+", " ", text.replace("'", "").replace("’", "")).strip()
    return re.sub(r"\b([a-z]) (?=[a-z]\b)", r"\1", text)  # "s i t e" (from S.I.T.E.) → "site"


@cache
def city_key(city: str) -> str:
    """'Hai Phong City', 'Haiphong' → 'haiphong'; "Huai'an City", 'Huai An' → 'huaian'."""
    text = _PLACE_WORDS.sub(" ", fold(city))
    text = re.sub(r"\d+", " ", text)  # postcodes stuck to a city: "Dhaka-1340"
    key = re.sub(r"\s+", "", text)
    return CITY_ALIASES.get(key, key)


@cache
def name_key(name: str) -> str:
    return compact(normalise(name))


def compact(normalised: str) -> str:
    """A normalised name without its spaces: "Nan Yang" and "Nanyang" are one name."""
    return normalised.replace(" ", "")


@lru_cache(maxsize=65536)
def _digits(text: str) -> set[str]:
    return set(re.findall(r"\d+", text))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=65536)
def _addresses(a: str, b: str) -> bool | None:
    fa, fb = fold(a), fold(b)
    da, db = _digits(fa), _digits(fb)
    if da and db and not da & db:  # "Batu 3 1/2 Jalan Kluang" / "Batu 4 Jalan Kluang": two plots
        return False
    score = fuzz.token_set_ratio(fa, fb)
    return True if score >= ADDRESS_SAME else False if score < ADDRESS_DIFFERENT else None


@lru_cache(maxsize=65536)
def _cities(a: str, b: str) -> bool:
    """One city: equal keys; a spelling slip (same first letter: "Zhangzhou" is not "Changzhou");
    or one written with its wider area ("Savar" / "Savar, Dhaka")."""
    ka, kb = city_key(a), city_key(b)
    if ka == kb or (ka[0] == kb[0] and fuzz.ratio(ka, kb) >= CITY_SIMILAR):
        return True
    parts_a, parts_b = ({city_key(p) for p in re.split(r"[,/]", c)} - {""} for c in (a, b))
    return bool(parts_a and parts_b and (parts_a <= parts_b or parts_b <= parts_a))


def _city_in(city: str, address: str) -> bool:
    key = city_key(city)
    return bool(key) and key in city_key(address)


def same_place(a: Entity, b: Entity) -> bool | None:
    """True when the places agree, False when they contradict, None when there is nothing to compare."""
    if a.coordinates and b.coordinates and _km(a.coordinates, b.coordinates) > FAR_KM:
        return False
    if a.subdivision and b.subdivision and a.subdivision != b.subdivision:
        return False
    verdicts = []
    if a.city and b.city:
        ka, kb = city_key(a.city), city_key(b.city)
        if ka and kb:
            verdicts.append(_cities(a.city, b.city))
    elif (a.city and b.address) or (b.city and a.address):
        city, address = (a.city, b.address) if a.city else (b.city, a.address)
        verdicts.append(True if _city_in(city, address) else None)
    if a.address and b.address:
        verdicts.append(_addresses(a.address, b.address))
    if False in verdicts:
        return False
    return True if True in verdicts else None


ALIASES_READ = 10   # of an entity's aliases, those its names are compared by: a file may give 1,000 to each


def names_read(entity: Entity) -> tuple[str, ...]:
    """The names an entity is compared by: its name, its local name and its first `ALIASES_READ` aliases."""
    return entity.name, entity.local_name, *entity.aliases[:ALIASES_READ]


def _names(entity: Entity) -> Iterator[str]:
    for name in names_read(entity):
        if name and (key := name_key(name)):
            yield key


Block = tuple[str, str]   # (country, city key): the entities of one town, compared with each other
Close = Callable[[Block, Sequence["NameKeys"]], "list[tuple[int, int]] | None"]


def city_keys(entities: Sequence[Entity]) -> list[str]:
    return [city_key(e.city) if e.city else "" for e in entities]


Town = tuple[Block, list[tuple["NameKeys", list[int]]], "list[tuple[int, int]] | None"]


def towns(entities: Sequence[Entity], keys: Sequence[NameKeys], city: Sequence[str],
          close: Close | None = None) -> Iterator[Town]:
    """Each town's entities by spelling (in index order), with the pairs of its spellings that are
    close: two entities of one town are worth comparing when their spellings are one or close.

    A town holds every entity there (thousands in a registry of thousands of firms): its names
    are compared once per distinct spelling, not once per pair of entities. `keys` and `city`
    are each entity's `name_keys` and `city_key`; `close` finds a town's close spellings,
    `close_spellings` unless the caller keeps them between builds.
    """
    close = close or (lambda _, spellings: close_spellings(spellings, MOST_CLOSE))
    found: dict[Block, dict[NameKeys, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, entity in enumerate(entities):
        if city[i] and keys[i]:
            found[(entity.country, city[i])][keys[i]].append(i)
    for block, spellings in sorted(found.items()):
        by_spelling = sorted(spellings.items())
        yield block, by_spelling, close(block, [a for a, _ in by_spelling])


NAME_SIMILAR = 92  # rapidfuzz ratio of compact normalised names: a slip of one or two letters

NameKeys = tuple[tuple[str, str], ...]   # each compact name with its numbers, as `digits_key` writes them


@lru_cache(maxsize=65536)
def digits_key(key: str) -> str:
    """The numbers of a name as one text: two names with other numbers are other sites."""
    return " ".join(sorted(_digits(key)))


@lru_cache(maxsize=1 << 20)  # one tuple for every entity of one spelling: a million entities share them
def keys_of(keys: tuple[str, ...]) -> NameKeys:
    """Compact names (`name_key`s, none empty), each once, with its numbers."""
    return tuple((key, digits_key(key)) for key in dict.fromkeys(keys))


def name_keys(entity: Entity) -> NameKeys:
    """The entity's compact names, each with its numbers; computed once per entity."""
    return keys_of(tuple(_names(entity)))


ROWS = 1024  # names compared at once with every other: a block of ROWS × names scores in memory


MOST_CLOSE = 250_000   # pairs of close spellings in one town, at most: a town with more is crowded


def close_spellings(spellings: Sequence[NameKeys], most: int | None = None) -> list[tuple[int, int]] | None:
    """Each pair x < y of `spellings` with `close_names` through two names that differ (a slip), scored in
    C++ a block of rows at a time: a city of tens of thousands of names is too many pairs for Python, not for
    rapidfuzz. Spellings that share a name are not listed: a popular site's hundreds of spellings (each firm
    with its own alias) would be every pair of them.

    None when there are more than `most`: thousands of names each a letter from the others (a hostile
    file) would be millions of pairs, each held and compared."""
    owner = [x for x, keys in enumerate(spellings) for _ in keys]
    flat = [key for keys in spellings for key in keys]
    # A slip never changes the first letter or the numbers (`close_names`): a name is scored only against
    # those that share both, not the whole town (pairs grow with the square of a town's names; a file of
    # "Garments No. 1" to "No. 9999" would give every pair of them). Each name once: it is no slip of itself,
    # and a site's thousand spellings share it.
    by_first: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(dict)
    for k, (name, numbers) in enumerate(flat):
        by_first[(name[0], numbers)].setdefault(name, []).append(k)
    hits: list[tuple[int, int]] = []
    for written in by_first.values():
        distinct = list(written)
        for start in range(0, len(distinct), ROWS):
            part = distinct[start:start + ROWS]
            columns = distinct[start:]   # an earlier row's pairs with this one were found with the earlier row
            scores = process.cdist(part, columns, scorer=fuzz.ratio, score_cutoff=NAME_SIMILAR, dtype=numpy.uint8)
            found, cols = scores.nonzero()
            later = found < cols   # each pair once, never a name with itself
            if most is not None and len(hits) + int(later.sum()) > 2 * most:   # before a block's hits are objects
                return None
            for hit, col in zip(found[later].tolist(), cols[later].tolist(), strict=True):
                one, other = written[part[hit]], written[columns[col]]
                if most is not None and len(hits) + len(one) * len(other) > 2 * most:   # twice with aliases
                    return None
                hits.extend((q, c) for q in one for c in other)
    seen: set[tuple[int, int]] = set()
    pairs = []
    for q, c in sorted(hits):   # in the order of scoring every name against every other
        x, y = min(owner[q], owner[c]), max(owner[q], owner[c])
        if x < y and (x, y) not in seen:
            seen.add((x, y))
            pairs.append((x, y))
    return None if most is not None and len(pairs) > most else pairs


def close_names(a: NameKeys, b: NameKeys) -> bool:
    """A spelling slip ("Mauritus" / "Mauritius", "Laces" / "Lace"), never another number
    ("Garments" / "Garments No.2") or another first letter."""
    for x, digits_x in a:
        for y, digits_y in b:
            if x[0] == y[0] and digits_x == digits_y and fuzz.ratio(x, y, score_cutoff=NAME_SIMILAR):
                return True
    return False


def decisive(entity: Entity) -> dict[str, str]:
    """The entity's identifiers of the `DECISIVE` schemes."""
    return {s: entity.identifiers[s] for s in DECISIVE if entity.identifiers.get(s)}


def conflicting(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    """Whether two sets of `decisive` identifiers name two entities: one scheme, two values."""
    return any(b.get(s, v) != v for s, v in a.items())


def different_sites(a: Entity, b: Entity) -> bool:
    """Two numbers of one site scheme. (The registrations of `DECISIVE` are weighed when groups join:
    a place compared once for all the firms there holds no registration.)"""
    return any(a.identifiers.get(s) and b.identifiers.get(s) and a.identifiers[s] != b.identifiers[s]
               for s in SITE_IDENTIFIERS)

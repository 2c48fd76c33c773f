"""Identifiers that two or more mentions share: which of them join those mentions, whatever their order.

A number of a `sites.DECISIVE` scheme names one entity; a number is `contested` when the mentions that
hold it, or that it chains together with other numbers, hold two numbers of one scheme (one USCC beside
DUNS 111 in one mention and DUNS 222 in another). Such a number cannot say which of them a third mention
that holds it is, so it joins nothing: joined at once, a mention with that USCC alone took whichever DUNS
group it was compared with first, and the other was refused.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence

from ..model import Entity
from . import sites
from .towns import clusters, place

Number = tuple[str, str]   # (scheme, value)
_DECISIVE = frozenset(sites.DECISIVE)


def clash(marks: Iterable[Mapping[str, str]]) -> bool:
    """Whether some two of `marks` hold two numbers of one scheme."""
    seen: dict[str, str] = {}
    for one in marks:
        for scheme, value in one.items():
            if seen.setdefault(scheme, value) != value:
                return True
    return False


def held(entities: Sequence[Entity]) -> dict[Number, list[int]]:
    """Each identifier, with the mentions that hold it, ascending."""
    found: dict[Number, list[int]] = defaultdict(list)
    for i, entity in enumerate(entities):
        for number in entity.identifiers.items():
            found[number].append(i)
    return found


def contested(marks: Sequence[Mapping[str, str]], holders: Mapping[Number, list[int]]) -> set[Number]:
    """The numbers of `marks` whose holders cannot all be one; and those that chain mentions that cannot be
    one, each through numbers no conflict touches (A: DUNS 1 and USCC X; B: USCC X and LEI L; C: LEI L and
    DUNS 2): every number of such a chain, since where it breaks depends on what is compared first."""
    # Holders written with one set of numbers cannot clash, and a chain through them runs through each
    # of their numbers: most numbers, held by one site's mentions, link nothing to weigh.
    shared = [them for number, them in holders.items()
              if len(them) > 1 and number[0] in _DECISIVE and any(marks[i] != marks[them[0]] for i in them)]
    found: set[Number] = set()
    if not shared:
        return found
    for members in clusters(len(marks), ((them[0], i) for them in shared for i in them[1:])):
        if clash(marks[i] for i in members):   # rare: only then is each number weighed
            found |= _contested_among(marks, members, holders)
    return found


def _contested_among(marks: Sequence[Mapping[str, str]], members: list[int],
                     holders: Mapping[Number, list[int]]) -> set[Number]:
    """`contested`, among the mentions that the numbers they share link (`members`)."""
    numbers = {number for i in members for number in marks[i].items() if len(holders[number]) > 1}
    found = {number for number in numbers if clash(marks[i] for i in holders[number])}
    at = {i: k for k, i in enumerate(members)}
    links = ((at[them[0]], at[i]) for number in numbers - found for them in (holders[number],) for i in them[1:])
    for chain in clusters(len(members), links):
        if len(chain) > 2 and clash(marks[members[k]] for k in chain):   # two are the holders of one number
            found.update(number for k in chain for number in marks[members[k]].items())
    return found


def shared(entities: Sequence[Entity], holders: Mapping[Number, list[int]],
           contested: set[Number]) -> Iterator[tuple[int, int]]:
    """The pairs of mentions that one identifier, not contested, says are one. A registration (not a
    site's number) joins only mentions whose places do not disagree, each compared with one holder
    chosen by its place, not by the order of the firms (of two, either)."""
    for (scheme, value), them in holders.items():
        if len(them) < 2 or (scheme, value) in contested:
            continue
        if scheme in sites.SITE_IDENTIFIERS:
            yield from ((i, them[0]) for i in them[1:])
            continue
        first = them[0] if len(them) == 2 else min(them, key=lambda i: repr(place(entities[i])))
        yield from ((i, first) for i in them
                    if i != first and sites.same_place(entities[i], entities[first]) is not False)

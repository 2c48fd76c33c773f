"""A country as people write it in a list → its ISO 3166-1 alpha-2 code, or the reason not.

ISO codes (alpha-2 and alpha-3, any case) and ISO's names come from pycountry by exact
look-up; the names lists use besides come from `country_names`. A name that is not known,
or that stands for more than one country ("Korea", "Congo"), is answered with the
candidates a person could mean, and the importer turns that into a located error. The one
guess is `near`: a typo of exactly one country ("Srilanka", "Phillipines"), which the
importer reads with a warning; a text as near two countries ("Nigera": Niger, Nigeria) or
too short to tell is not guessed. pycountry's fuzzy search is not used: it matches
subdivision names and says Kosovo is Serbia and "1" is Sweden.
"""

from __future__ import annotations

import difflib
import gettext
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pycountry

from .country_names import ALIASES, AMBIGUOUS, PLAIN

KOSOVO = ("XK", "XKX", "Kosovo")


@dataclass(frozen=True)
class Resolved:
    code: str                           # "" when not resolved
    candidates: tuple[str, ...] = ()    # when not resolved: codes (ambiguous) or names (unknown)
    ambiguous: bool = False


# Abbreviations lists use in country names ("Korea, Rep.", "Russian Fed.", "St. Lucia").
_WORDS = {"rep": "republic", "fed": "federation", "st": "saint", "dem": "democratic", "peoples": "people's",
          "is": "islands", "isl": "islands", "&": "and", "s": "south", "n": "north"}


def fold(text: str) -> str:
    """Case, accents, line breaks, apostrophe forms, dots, hyphens, stars, a comma left at the end, a
    "the" before or after ("Gambia, The"), a bracket without its space ("CHINA(MAINLAND)")."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[’´`‘]", "'", text).replace(".", "").replace("-", " ").replace("(", " (")
    text = re.sub(r"\s+", " ", text).strip(" *,;")
    return re.sub(r"^the |, the$", "", text)


def _spelled_out(key: str) -> str:
    """"bolivia (plurinational state of)" → "bolivia, plurinational state of"; "korea, rep" →
    "korea, republic"; ISO's own short names, "netherlands (the)" and "korea (the republic of)"."""
    key = re.sub(r"^(.*\S) \(the\)$", r"\1", key)
    key = re.sub(r"^(.*\S) \((?:the )?(.*)\)$", r"\1, \2", key)
    return " ".join(_WORDS.get(w, w) for w in key.split(" "))


@cache
def _names() -> dict[str, str]:
    """Folded ISO names (short, official, common) → code."""
    found: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                found.setdefault(fold(value), country.alpha_2)
    found[fold(KOSOVO[2])] = KOSOVO[0]
    return found


def _code(key: str) -> str:
    if re.fullmatch(r"[a-z]{2}", key):
        found = pycountry.countries.get(alpha_2=key.upper())
    elif re.fullmatch(r"[a-z]{3}", key):
        found = pycountry.countries.get(alpha_3=key.upper())
    else:
        return ""
    return found.alpha_2 if found else ""


@cache
def _aliases() -> dict[str, str]:
    return {fold(k): v for k, v in ALIASES.items()}


# Languages whose lists name countries in their own words ("Tunisie", "Türkei", "Bangladesch", "Brasil",
# "越南"): the sourcing and buying countries' languages, from pycountry's own translations of ISO's names.
_LANGUAGES = ("fr", "de", "es", "it", "pt", "pt_BR", "nl", "tr", "id", "ms", "vi", "th", "km", "bn", "my",
              "zh_CN", "zh_TW", "ja", "ko")


@cache
def _translated() -> dict[str, str]:
    """Folded names in `_LANGUAGES` → code; a name two countries share in two languages is left out."""
    found: dict[str, set[str]] = {}
    for language in _LANGUAGES:
        catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value and (local := catalog.gettext(value)) != value:
                    found.setdefault(fold(local), set()).add(country.alpha_2)
    return {key: codes.pop() for key, codes in found.items() if len(codes) == 1}


def _lookup(key: str) -> str:
    return _aliases().get(key) or _code(key) or _names().get(key) or _translated().get(key, "")


def _as_written(form: str) -> str:
    code = _lookup(form)
    if not code and ", " in form:  # "Moldova, Republic of" → "republic of moldova"
        head, _, tail = form.partition(", ")
        code = _lookup(f"{tail} {head}")
    return code


def _glossed(key: str) -> tuple[str, str]:
    """"china (prc)", "turkiye (turkey)": a name followed by another name of a country in brackets;
    "cn china", "vn: viet nam", "china | cn": a code and a name, as a system exports them. Each part's code."""
    match = (re.fullmatch(r"(.*\S) \((.*)\)", key) or re.fullmatch(r"([a-z]{2,3})\s*(?:[:|/–—,]|\s)\s*(.+)", key)
             or re.fullmatch(r"(.+?)\s*(?:[:|/–—,]|\s)\s*([a-z]{2,3})", key))
    return (_lookup(match.group(1)), _lookup(match.group(2))) if match else ("", "")


def _with_gloss(key: str) -> str:
    outer, inner = _glossed(key)
    return outer if outer and outer == inner else ""


def _two(text: str) -> tuple[str, ...]:
    """The countries of a cell that names two or more with a slash or 'and' between ("USA/Canada")."""
    # Each part is folded, spaces and all: spaces matched around a slash were tried from every space of a run,
    # and a cell of 32,767 characters, mostly spaces, took 8 s.
    parts = [fold(p) for p in re.split(r"[/;]| and ", text) if p.strip()]
    codes = tuple(dict.fromkeys(_as_written(p) for p in parts)) if len(parts) > 1 else ()
    return codes if len(codes) > 1 and all(codes) else ()


@cache
def resolve(text: str) -> Resolved:
    key = fold(text)
    if not key:
        return Resolved("")
    if key in AMBIGUOUS:
        return Resolved("", AMBIGUOUS[key], ambiguous=True)
    for form in dict.fromkeys((key, _spelled_out(key))):
        if code := _as_written(form):
            return Resolved(code)
    if code := _with_gloss(key):
        return Resolved(code)
    close = difflib.get_close_matches(key, list(_names()) + list(_aliases()), n=3, cutoff=0.75)
    return Resolved("", tuple(dict.fromkeys(_named(_lookup(c)) for c in close)))


@cache
def with_place(text: str) -> tuple[str, str]:
    """A country cell that names a place in it as well: "Xinjiang, China", "Shenzhen, Guangdong, China",
    "China (Xinjiang)" → the country's code and the place as written ("Xinjiang"); ("", "") for any other
    text; also "China - Jiangsu" (`_dashed`). A place that is itself a country ("China, Vietnam", "USA (Mexico)")
    makes it no such cell."""
    text = text.strip()
    match = re.fullmatch(r"(.*\S)\s*\(([^()]*)\)", text)
    parts = (match.group(1), match.group(2)) if match else tuple(reversed(text.rsplit(",", 1)))
    return _placed(*parts) if len(parts) == 2 else _dashed(text)


_DASHED = re.compile(r"\s+[-–—]\s+|\s*/\s*")


def _dashed(text: str) -> tuple[str, str]:
    """"China - Jiangsu", "China/Guangdong", "Jiangsu - China": a country and a place of it either side of a
    dash or a slash, as a list's Country/Region column writes both."""
    parts = _DASHED.split(text, maxsplit=1) if len(text) <= 80 else []
    if len(parts) != 2:
        return "", ""
    found = _placed(*parts)
    return found if found[0] else _placed(parts[1], parts[0])


def _placed(country: str, place: str) -> tuple[str, str]:
    """The code of `country` and `place` as written, where `place` is no country; ("", "") otherwise."""
    country, place = (p.strip(" ,;") for p in (country, place))
    code, named = resolve(country).code if place else "", resolve(place)   # an ambiguous name has no code
    if not code or named.code or named.ambiguous or not re.search(r"\w", place):
        return "", ""
    # "Guinea (Bissau)": the two parts together name another country
    if any(resolve(whole).code not in ("", code) for whole in (f"{country} {place}", f"{place} {country}")):
        return "", ""
    return code, place


# A typo is read as a country only when no other is as near: tuned on lists' typos ("Srilanka" 0.94,
# "Cambodja", "Pakisatn" 0.88) against pairs a typo sits between ("Nigera": Nigeria 0.92, Niger 0.91;
# "Malwi": Malawi, Mali). A typo keeps its first letter ("Iberia" is no typo of Liberia), and a text
# within another country's name is that one's ("Dominican" is not Dominica).
_NEAR, _APART, _LETTERS = 0.85, 0.1, 5


@cache
def _every_name() -> dict[str, str]:
    """Every folded name → its code; an ambiguous name ("korea") as a country of its own, so it stands near."""
    return {**_translated(), **_names(), **_aliases(), **{k: f"?{k}" for k in AMBIGUOUS}}


def _nearest(key: str) -> dict[str, tuple[float, str]]:
    """Each code with a name at least `_NEAR - _APART` alike to `key` → how alike its nearest is, and that name.
    A name less alike can neither be read nor stand near the one read: its ratio is not worked out (the upper
    bounds tell first): a text not known took 50 ms over the 4,928 names, and takes 14 ms."""
    floor, best = _NEAR - _APART, {}
    matcher = difflib.SequenceMatcher(None, key)
    for name, code in _every_name().items():
        matcher.set_seq2(name)
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            continue
        score = matcher.ratio()
        if score >= floor and score > best.get(code, (0.0, ""))[0]:
            best[code] = (score, name)
    return best


@cache
def near(text: str) -> str:
    """The code of the one country `text` is a typo of ("Srilanka" → LK), or "" when it is none or several."""
    key = fold(text)
    if len(re.sub(r"[^a-z]", "", key)) < _LETTERS or resolve(text).code:
        return ""
    ranked = sorted(_nearest(key).items(), key=lambda item: -item[1][0])
    if not ranked:
        return ""
    (code, (score, name)), runner_up = ranked[0], ranked[1][1][0] if len(ranked) > 1 else 0.0
    inside = any(key in other for other, c in _every_name().items() if c != code)
    if score < _NEAR or score - runner_up < _APART or name[0] != key[0] or inside or code.startswith("?"):
        return ""
    return code


def plain_name(code: str) -> str:
    """The name people use ("Taiwan", "South Korea", "DR Congo"), never ISO's inverted official
    forms ("Taiwan, Province of China"); the code itself when it names no country."""
    if code in PLAIN:
        return PLAIN[code]
    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return (getattr(found, "common_name", None) or found.name) if found else code


def _named(code: str) -> str:
    return f"{plain_name(code)} ({code})"


def explain(text: str, found: Resolved) -> str:
    """Why a country cell was not resolved, and what to write."""
    if found.ambiguous:
        return (f"'{text}' names more than one country: it could be {' or '.join(map(_named, found.candidates))}; "
                "write the two-letter code of the one you mean")
    if several := _two(text):
        return (f"'{text}' names {len(several)} countries ({', '.join(map(_named, several))}); a site is in one "
                "country: write it, and give a site in another country a row of its own")
    one, other = _glossed(fold(text))
    if one and other and one != other:
        return (f"'{text}' gives two countries that disagree, {_named(one)} and {_named(other)}; write the one "
                "the site is in")
    hint = f"; did you mean {' or '.join(found.candidates)}?" if found.candidates else "."
    return f"'{text}' is not a country name or ISO code{hint} Write a code such as CN, or a name such as China."

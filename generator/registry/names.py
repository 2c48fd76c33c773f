"""Organisation names made comparable, and URL-safe slugs made from them.

The same company is written many ways: "Kashgar Yarn Co., Ltd.", "KASHGAR YARN COMPANY
LIMITED", "Kashgar Yarn Co Ltd" or, in full-width forms, "Ｋａｓｈｇａｒ". `normalise`
maps all of these to one key ("kashgar yarn"): Unicode NFKC, case folding, accents,
punctuation, legal-form suffixes in English, Chinese and the many jurisdictions cleanco
knows, and a few wording and transliteration variants common in supply-chain lists.
Screening and the cross-company entity pages both rely on it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

from cleanco import prepare_default_terms

# Notes that lists append to a name; they are not part of it.
_ANNOTATIONS = re.compile(
    r"\((?:former(?:ly)?(?: name| known as)?[^)]*|subsidiary|subsidiaries|parent)\)"
    r"|\band (?:its )?subsidiaries\b",
)

_INITIALS = re.compile(r"(?<=\b\w)\.(?=\w\b)")

# Chinese legal forms, longest first so that 股份有限公司 goes before 有限公司.
_CJK_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "责任公司", "分公司", "总公司", "集团", "公司", "控股")

# Trailing words that say what kind of company it is, not which one. cleanco's list
# covers legal forms of many jurisdictions; these add the words Chinese firms use in
# English ("Group", "Holdings") and spelled-out forms.
_EXTRA_FORMS = (
    ("group",), ("holdings",), ("holding",), ("company",), ("co",), ("corporation",), ("corp",),
    ("limited",), ("ltd",), ("limited", "liability", "company"), ("company", "limited"),
    ("joint", "stock"), ("stock",), ("incorporated",), ("inc",), ("llc",), ("gmbh",),
    # forms of supplier lists: South Asia, Vietnam, Indonesia, Malaysia, Mexico
    ("pvt",), ("private",), ("jsc",), ("tbk",), ("sdn", "bhd"), ("bhd",), ("sa", "de", "cv"),
    ("s", "de", "rl", "de", "cv"), ("s", "de", "rl"), ("ltda",), ("p", "ltd"), ("s", "a"),
)

# Forms written before the name: "PT Eratex Djaja", "CV Maju".
_LEADING_FORMS = ("pt", "cv", "ooo", "tov")

# Words spelled several ways; the key is the variant, the value the form we keep.
VARIANTS = {
    "&": "and", "intl": "international", "int'l": "international", "tech": "technology",
    "technologies": "technology", "techn": "technology", "biotech": "biotechnology",
    "trading": "trade", "mfg": "manufacturing", "manufacture": "manufacturing",
    "ind": "industry", "industries": "industry", "industrial": "industry",
    "textiles": "textile", "garments": "garment", "apparels": "apparel", "materials": "material",
    "metals": "metal", "foods": "food",
    "corp": "corporation", "co": "company", "dev": "development", "sci": "science",
    # Xinjiang place names in pinyin and in the Uyghur-derived spelling
    "hotan": "hetian", "akesu": "aksu", "kashi": "kashgar", "wulumuqi": "urumqi",
    "tulufan": "turpan",
    "lvzhou": "luzhou",  # pinyin ü written as v
}


@cache
def _forms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Legal forms by their last word, longest first, so a name's end is one look-up."""
    forms = {tuple(t) for _, t in prepare_default_terms()} | set(_EXTRA_FORMS) | {(f,) for f in _CJK_FORMS}
    # A form may also appear in its normalised spelling ("co" → "company").
    forms |= {tuple(VARIANTS.get(w, w) for w in f) for f in forms}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for form in sorted(forms, key=len, reverse=True):
        by_last.setdefault(form[-1], []).append(form)
    return {k: tuple(v) for k, v in by_last.items()}


# Latin letters that NFKD leaves whole, so that dropping what is not ASCII would drop the
# letter itself ("Đức Thành" → "uc-thanh"); each is written as the language's readers would.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ı": "i", "ø": "o", "Ø": "O", "ł": "l",
                          "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH",
                          "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "NG", "ə": "a", "Ə": "A"})


def _fold(text: str) -> str:
    """NFKC for full-width forms, then accents dropped from Latin letters and letters such as đ written
    out ("Đức Thành" is "Duc Thanh", as lists written without accents give it); CJK untouched."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _strip_cjk_forms(token: str) -> str:
    changed = True
    while changed and token not in _CJK_FORMS:  # a form standing alone is left to _strip_forms
        changed = False
        for form in _CJK_FORMS:
            if token.endswith(form) and len(token) > len(form):
                token, changed = token[: -len(form)], True
                break
    return token


def _strip_forms(words: list[str]) -> list[str]:
    """Drop trailing legal forms, repeatedly ("co ltd"), never the whole name."""
    forms = _forms()
    while len(words) > 1:
        form = next((f for f in forms.get(words[-1], ()) if len(words) > len(f) and tuple(words[-len(f):]) == f),
                    None)
        if form is None:
            break
        del words[-len(form):]
    return words


# A note in brackets at the end ("Co., Ltd. (Xinjiang)"), which lists also write before the
# legal form ("(Xinjiang) Co., Ltd."): the form is dropped from before the note too.
_LAST_NOTE = re.compile(r"^(.*\S)\s*\(([^()]*)\)\s*$")


def _words(text: str) -> list[str]:
    text = _INITIALS.sub("", text)  # "s.a." → "sa.", "l.l.c." → "llc."
    text = text.replace("&", " and ").replace("'", "").replace("’", "")
    words = [w for w in re.split(r"[\W_]+", text) if w]
    return [_strip_cjk_forms(w) if _is_cjk(w) else VARIANTS.get(w, w) for w in words]


# A site after the firm's name and legal form: "Unichela (Pvt) Ltd. - Koggala", "AHP Apparel Pvt Ltd., Unit 60".
_SITE_AFTER = re.compile(r"^(.*\S)\s*(?:\s[-–—]\s|,)\s*([^,]*\w[^,]*)$")


def _split(text: str) -> tuple[list[str], list[str]]:
    """The name's words, and those of a note or site written after its legal form."""
    if note := _LAST_NOTE.match(text):
        return _words(note.group(1)), _words(note.group(2))
    if site := _SITE_AFTER.match(text):
        before, after = _words(site.group(1)), _words(site.group(2))
        # Only after a legal form, and only a site that is not itself one ("Co., Ltd." is one form).
        if len(_strip_forms(list(before))) < len(before) and _strip_forms(["x", *after]) == ["x", *after]:
            return before, after
    return _words(text), []


def tokens(name: str) -> list[str]:
    """The words of a normalised name, in order."""
    text = _ANNOTATIONS.sub(" ", _fold(name))
    words, after = _split(text)
    if len(words) > 1 and words[0] in _LEADING_FORMS:
        words = words[1:]
    words = _strip_forms(words)
    return _strip_forms(words + after) if after else words


@cache  # the registry, the search index and screening each ask for the same names
def normalise(name: str) -> str:
    """A comparison key: equal for names that differ only in case, punctuation, width,
    legal form or a known spelling variant."""
    return " ".join(tokens(name))


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


def ascii_letters(text: str) -> str:
    """Latin text in ASCII: accents dropped, letters such as đ, ø, ł, æ written out; other
    scripts dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text).translate(_LETTERS) if c.isascii())


MAX_SLUG = 64


def slug(name: str, country: str = "", normalised: str | None = None) -> str:
    """A URL- and file-safe id (MODEL.md's id pattern): ascii words of the normalised name
    (`normalised`, when the caller has it), then the country code. A name with no Latin
    letters gets a stable hash instead."""
    key = (normalise(name) if normalised is None else normalised) or _fold(name).strip()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_letters(key).lower()) if w]
    suffix = f"-{country.lower()}" if re.fullmatch(r"[A-Za-z]{2}", country or "") else ""
    if not words:
        words = ["entity", hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]]
    base = ""
    for word in words:
        candidate = f"{base}-{word}" if base else word
        if len(candidate) + len(suffix) > MAX_SLUG:
            break
        base = candidate
    if not base:  # one very long word
        base = words[0][: MAX_SLUG - len(suffix)]
    return base + suffix

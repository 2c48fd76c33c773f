"""The column headings supplier lists really use, and the field each one stands for.

The table (`heading_table`, data) is the one place headings are recognised (the importing
page of the docs shows it). A heading is compared after `column_key`: case, spaces, line breaks, underscores and
punctuation do not matter, so "Factory Name", "Factory_Name" and "factory\\nname" are one
heading, and "Country/Region" and "Country / Region" are "country_region". A percent sign
does count: "% Female Workers" is a share, "Female Workers" a count. `--map` names the rest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from difflib import get_close_matches

from ..problems import Problem
from . import foreign_headings, worker_headings
from .heading_table import HEADINGS

# Where a list has both, the site's own name is the entity's name and the supplier (the
# firm that holds the order) is its parent: "Supplier Name" beside "Factory Name".
# A footnote's mark after a heading ("Country¹", "Workers†", "Address [2]"): NFKD would make "¹" a digit.
_FOOTNOTE = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹†‡§*]+|\[\d{1,2}\]|\s\(\d{1,2}\)$")


def column_key(heading: str) -> str:
    """Accents folded ("Número" is "numero"), letters of every script kept ("工厂名称"), footnote marks left out."""
    text = _FOOTNOTE.sub(" ", heading.strip()).strip()
    text = unicodedata.normalize("NFKD", text.casefold().replace("%", " pct "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "_", text).strip("_")


SITE_NAMES = ("factory_name", "facility_name", "site_name", "name_of_site", "factory", "facility",
              "production_site_name", "manufacturing_site_name", "name_of_factory", "production_facility_name",
              "name_of_facility", "plant_name", "plant", "name_of_plant", "mill_name", "mill", "name_of_mill",
              "palm_oil_mill", "palm_oil_mill_name", "pom_name", "vessel_name", "vessel", "name_of_vessel",
              "fishing_vessel", "ship_name", "cooperative_name", "cooperative", "name_of_cooperative",
              "co_operative_name", "co_operative", "coop_name", "co_op_name", "cooperative_society", "society_name",
              "farmer_group", "farmer_organisation", "farmer_organization", "producer_organisation",
              "producer_organization", "smelter_name",
              "smelter", "refiner_name", "smelter_or_refiner_name", "standard_smelter_name", "standard_smelter_names",
              *map(column_key, foreign_headings.SITE_NAMES))
SUPPLIER_NAMES = ("supplier_name", "supplier", "name", "manufacturer_name", "manufacturer", "name_of_supplier",
                  "company_name",
                  *map(column_key, foreign_headings.SUPPLIER_NAMES))
# A government agency in a list of counterparties; in a list of suppliers, the sourcing agency beside the factory.
AGENCY_NAMES = ("agency", "agency_name")


# What the Open Supply Hub download has a column for that a disclosure cannot hold as is, and what lists
# give that a disclosure does not publish: an address in the local language, and the factory's contact
# person (a person's name, e-mail and telephone are personal data, never a site's facts).
NOT_CARRIED = ("sector", "contributor_list", "contribution_date", "processing_type_facility_type_raw",
               "local_address", "contact", "workers_of_a_kind", "domestic_migrants", "row_number", "supplier_place",
               "certification", "worker_representation", "farmers", "left_out")
# A list's own count of its rows: 'No.', 'S.No', 'Sr. No.', 'Sl. No.', 'S/N' (and '#', whose key is empty).
_ROW_NUMBERS = frozenset({"no", "nr", "s_no", "sno", "sr_no", "srno", "sl_no", "slno", "s_n", "sn", "serial_no",
                          "serial_number", "row", "row_no", "item_no"})
# A site's place under the site's word ("Factory City", "Facility State", "Mill Province", "Plant Postal
# Code"); not a supplier's ("Supplier Country" may be the firm's, beside the factory's own).
_SITE_PLACE = re.compile(r"(?:factory|facility|site|mill|plant|production_site|manufacturing_site)_(.+)")
_PLACES = frozenset({"address", "city", "subdivision", "country", "lat", "lng", "lat_lng"})
_FIRM_PLACE = re.compile(r"(?:supplier|vendor|manufacturer)_(.+)")
_LOCAL = re.compile(r"local|native|original|chinese|vietnamese|thai|khmer|bengali|bangla|turkish")
_CONTACT = re.compile(r"(?:^|_)(?:contact|e_?mail|phone|telephone|tel|mobile|fax|person|manager)(?:_|$)")
# A site's certifications and audits ("Certifications", "Social Audit", "BSCI Rating", "Higg FEM Score"); not a
# scheme's name alone ("BSCI", "Higg FEM"), which is what such a column's cells hold, not its heading; but a mill
# list's "RSPO" ("RSPO Certified, IP"), "rspo_statu" or "rspo_type" is a palm-oil mill's certification.
_CERTIFICATION = re.compile(r"^rspo(?:_.+)?$|(?:^|_)(?:certifications?|certificates?|certs?|audits?|audited)(?:_|$)"
                            r"|(?:^|_)(?:higg|bsci|amfori|sa_?8000|wrap|smeta|sedex|fem|fslm)_(?:.+_)?(?:rating|score|grade|level|"
                            r"status|result|verified)(?:_|$)")
# Whether a site's workers have a union, a collective agreement or a committee ("Trade Union (Y/N)", "CBA"); not
# India's "State/Union Territory", a place.
_REPRESENTATION = re.compile(r"(?:^|_)(?:trade_unions?|unions?(?!_territor)|unioni[sz]ed|cba|collective_bargaining"
                             r"|workers?_committees?|worker_representation|freedom_of_association)(?:_|$)")
# A cooperative's or a mill's farmers ("Number of Farmers", "Members", "Smallholders"): no site's workers.
_FARMERS = re.compile(r"(?:^|_)(?:farmers?|smallholders?|(?:out)?growers?|members?)(?:_|$)")

_BY_KEY = {column_key(h): column for table in (foreign_headings.FOREIGN, HEADINGS)
           for column, headings in table.items() for h in (column, *headings)}


# A unit of measure in brackets is what the column counts, not a note: "Land (ha)" is an area, not "Land" (a country).
_UNIT = re.compile(r"[(\[]\s*(?:ha|hectares?|acres?|km2|km²|m2|m²|sq\.?\s*(?:m|km|ft)|mt|tonnes?|tons?|kg)\s*[)\]]",
                   re.IGNORECASE)


def resolve(heading: str, mapping: Mapping[str, str]) -> str:
    """The layout column a heading stands for: --map first, then the table."""
    key = column_key(heading)
    for given in (heading, key):
        if given in mapping:
            target = mapping[given]
            return (map_target(target) or column_key(target)) if target.strip() else "left_out"
    if key in _BY_KEY:
        return _BY_KEY[key]
    if (site := _SITE_PLACE.fullmatch(key)) and _BY_KEY.get(site.group(1)) in _PLACES:   # "Factory City"
        return _BY_KEY[site.group(1)]
    if key in _ROW_NUMBERS or heading.strip() in ("#", "№"):
        return "row_number"
    if _CONTACT.search(key):   # "Factory Contact Name" is a person, not the factory
        return "contact"
    if _CERTIFICATION.search(key):
        return "certification"
    if found := worker_headings.workforce_column(heading, key):   # "% Female / Male", before its halves
        return found
    # A note in brackets ("Number of Workers (approx.)"), or a heading in two languages
    # ("Adresse / Address", "工厂名称\nFactory Name", "工厂名称Factory Name"): the part the table knows.
    bare = key if _UNIT.search(heading) else column_key(re.sub(r"\([^()%]*\)|\[[^\[\]%]*\]", " ", heading))
    parts = [bare, *(column_key(part) for part in re.split(r"[/\n|]", heading)), *_scripts(key)]
    parts += [_percent_first(p) for p in parts]
    columns = [_BY_KEY[p] for p in parts if p in _BY_KEY]
    # "Vendor/Factory Name": a heading naming the firm and its site heads the site's name, not its parent
    found = "name" if {"name", "parent_company"} <= set(columns) else next(iter(columns), key)
    if found == key and _REPRESENTATION.search(key):
        return "worker_representation"
    if found == key and _FARMERS.search(key) and not key.endswith("name"):   # not 'Member Name'
        return "farmers"
    return _in_local_language(found) if found != key and _LOCAL.search(key) else found


def firm_places(header: Sequence[str]) -> dict[str, str]:
    """A supplier's place ("Supplier City", "Vendor Country") → the place, in a list that names no site
    apart from its supplier (no "Factory Name"): there the supplier is the site, also where a place is
    written under the site's word ("Factory City") and the supplier's is of another kind. Where the
    list names a site, or gives that place of the site too ("Supplier Address" beside "Factory
    Address"), the supplier's is the firm's, not the site's: "supplier_place", which is not imported."""
    keys = [column_key(h) for h in header]
    site_named = any(k in SITE_NAMES for k in keys)
    site_placed = any(_SITE_PLACE.fullmatch(k) for k in keys)
    own = {_place_of(k) for k in keys if not _FIRM_PLACE.fullmatch(k)}
    found = {}
    for heading, key in zip(header, keys, strict=True):
        place = _place_of(m.group(1)) if (m := _FIRM_PLACE.fullmatch(key)) else None
        if place and not site_named and not (site_placed and place in own) and key not in _BY_KEY:
            found[heading] = place
        elif place and (site_named or place in own):
            found[heading] = "supplier_place"
    return found


def _place_of(key: str) -> str | None:
    """The place a heading's key names, also under a site's word ("factory_city"); None for any other."""
    column = _BY_KEY.get(key) or (_BY_KEY.get(site.group(1)) if (site := _SITE_PLACE.fullmatch(key)) else None)
    return column if column in _PLACES else None


def _percent_first(key: str) -> str:
    """"women_pct_workers" (from "Women (%) Workers", a share under a group heading) as the table writes
    shares, "pct_women_workers": a bracket holding a percent sign is the column's unit, never a note to drop."""
    words = key.split("_")
    return "_".join(["pct", *(w for w in words if w != "pct")]) if "pct" in words else key


def _scripts(key: str) -> list[str]:
    """A key's Latin part and its other part, each on its own: "工厂名称_factory_name" → both halves."""
    latin = re.sub(r"[^a-z0-9]+", "_", key).strip("_")
    other = re.sub(r"[a-z0-9_]+", "_", key).strip("_")
    return [p for p in (latin, other) if p and p != key]


def _in_local_language(column: str) -> str:
    """"Factory Name (Local Language)" is the local name, not a second name column; such an address is
    not the address, which it would otherwise be joined to."""
    return {"name": "native_language_name", "address": "local_address"}.get(column, column)


# A model field's own name, where the layout calls its column otherwise (--map 'No. of staff=workers').
_FIELD_NAMES = {"workers": "number_of_workers", "local_name": "native_language_name", "parent": "parent_company",
                "products": "product_type", "latitude": "lat", "longitude": "lng", "lon": "lng", "duns": "duns_id",
                "lei": "lei_id", "province": "subdivision", "state": "subdivision"}


def map_target(target: str) -> str | None:
    """The column a --map target names: a layout column, a model field, or a heading the table knows;
    None when it names none of them (a typo such as 'adress')."""
    key = column_key(target)
    column = _FIELD_NAMES.get(key) or _BY_KEY.get(key) or (key if key in _EXTRA else None)
    return column if column in HEADINGS or column in _EXTRA else None


def map_targets() -> list[str]:
    """Every column --map may name, for the message that lists them."""
    return sorted({*HEADINGS, *_EXTRA, *_FIELD_NAMES})


def known(heading: str, mapping: Mapping[str, str]) -> str | None:
    """The column a heading stands for when the table or --map names one, or the table knows it for a
    column it does not import (a contact person); None otherwise."""
    if not heading.strip():
        return None
    column = resolve(heading, mapping)
    return column if column in HEADINGS or column in _EXTRA or column in NOT_CARRIED else None


# Columns --map may name that the headings table does not list (the model's own fields).
_EXTRA = ("aliases", "relationship", "status", "kind", "since", "until", "notes", "end_use", "services")


def unknown_targets(mapping: Mapping[str, str], shown: str) -> list[Problem]:
    """A --map whose field the importer does not fill is an error: read as an unknown heading, its column
    was skipped with a warning that told the reader to use --map, which they just had."""
    problems = []
    for heading, target in mapping.items():
        if target.strip() and map_target(target) is None:
            close = get_close_matches(column_key(target), map_targets(), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(Problem(shown, 1, 1, "error", "import-map-field",
                                    f"--map '{heading}={target}': '{target}' is not a field the importer fills{hint}; "
                                    f"the fields are {', '.join(map_targets())}"))
    return problems

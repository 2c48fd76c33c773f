"""Headings read by the headings beside them.

"CAP" is Italy's postcode in a list headed in Italian ('Indirizzo', 'Città', 'CAP'), and in an English
list a capacity or a corrective action plan, which no field of a disclosure holds. "District" (a mill
list's kabupaten, a Bangladeshi list's Gazipur) is the site's town where the list has no town column;
beside 'City' it is a part of a city (a Chinese list's Jimo District), not imported. A cocoa list of Côte
d'Ivoire places a cooperative by its district, department and sub-prefecture (sous-préfecture): there the
district is the country's subdivision (ISO's CI-BS), the sub-prefecture, the nearest, its town where no
column gives one (else a part of its address), and the department a part of its address.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..problems import Problem
from .foreign_headings import ITALIAN
from .headings import column_key, resolve
from .sheets import Sheet

_ITALIAN_KEYS = frozenset(map(column_key, ITALIAN))
# heading key → the headings of the one language in which it is the table's heading
_SHARED = {"cap": _ITALIAN_KEYS}
# The town where no other heading gives one; beside 'City', a part of it ("city_district": not imported, said why).
_DISTRICTS = frozenset({"district", "regency", "district_regency", "regency_district"})
# Beside no sub-prefecture, an English 'Department' is a brand's buying department, no place: unknown.
_SUB_PREFECTURES = frozenset({"sub_prefecture", "subprefecture", "sous_prefecture", "sub_prefectures"})
_DEPARTMENTS = frozenset({"department", "departement"})
_COMPANIES = frozenset({"company", "companies", "company_s"})


def in_context(header: Sequence[str]) -> dict[str, str]:
    """--map entries for the headings of `header` that the headings beside them decide: a word of another
    language while no heading beside it is of that language → "english_word" (not imported, and said
    why); a heading that stands in for a field no other heading gives → that field."""
    keys = {column_key(h) for h in header}
    found = {h: "english_word" for h in header if (lang := _SHARED.get(column_key(h))) and not keys & lang}
    given = {resolve(h, {}) for h in header}
    # "Company" beside a site's name may be its owner or its buyer; as the list's only name, it names the sites
    found |= {h: "name" for h in header if column_key(h) in _COMPANIES and "name" not in given}
    found |= {h: "city_district" if "city" in given else "city" for h in header if column_key(h) in _DISTRICTS}
    if keys & _SUB_PREFECTURES:
        found |= {h: "subdivision" for h in header if column_key(h) in _DISTRICTS}
        found |= {h: "address" if column_key(h) in _DEPARTMENTS or "city" in given else "city"
                  for h in header if column_key(h) in _SUB_PREFECTURES | _DEPARTMENTS}
    return found


def context_said(sheet: Sheet, mapping: Mapping[str, str]) -> list[Problem]:
    """A warning at a 'District' read as the site's town, which the reader did not name with --map: a mill list's
    district is a regency, larger than a town, and the reader should see what it became."""
    read = in_context(sheet.header)
    return [Problem(sheet.path, sheet.header_line, i + 1, "warning", "import-district-as-city",
                    f"{sheet.where()}column '{h}' is read as the site's town (city), as the list has no town column; "
                    f"a district may be larger than a town (a regency): if it is no town, --map '{h}=address' keeps "
                    f"it as a part of the address, --map '{h}=' leaves it out")
            for i, h in enumerate(sheet.header)
            if read.get(h) == "city" and column_key(h) in _DISTRICTS and not {h, column_key(h)} & mapping.keys()]


# Why a column the table knows, or one the headings beside it decide, is not imported.
NOT_IMPORTED = {"contact": "a contact person's name, e-mail and telephone are personal data, which a disclosure "
                            "does not publish",
                 "local_address": "a disclosure holds one address; the local-language name goes in local_name",
                 "workers_of_a_kind": "a disclosure holds a site's whole number of workers, its women and its "
                                      "migrants, not the workers of one kind of job or contract",
                 "domestic_migrants": "a disclosure's migrant_workers are workers from another country (as 'Foreign "
                                      "Migrant Workers' gives them), and it has no field for workers who moved "
                                      "within the country",
                 "row_number": "it numbers the list's rows, which is no fact about a site",
                 "certification": "a disclosure holds no certifications or audit results on a site: the firm's own "
                                  "due diligence of it is a due_diligence step (an independent-audit names who "
                                  "conducted it), written by hand",
                 "supplier_place": "it is the place of the supplier, the firm that holds the order; the site's "
                                   "own is read from its columns",
                 "english_word": "beside headings in English it is no Italian postcode (CAP) but a capacity or a "
                                 "corrective action plan, which a disclosure has no field for; if it holds the "
                                 "sites' postcodes, import it with --map 'CAP=address'",
                 "city_district": "beside the column of towns it names a part of a town, which a disclosure has no "
                                  "field for",
                 "worker_representation": "a disclosure has no field for whether a site's workers have a union, "
                                           "a collective agreement or a workers' committee: what the firm does for "
                                           "their freedom of association is a due_diligence step, written by hand",
                 "farmers": "the farmers of a cooperative or a mill are its members or its suppliers, not its "
                            "workers, and a disclosure has no field for them (do not --map them to workers)",
                 "left_out": "--map leaves it out, as asked",
                 "agency": "in a list of suppliers it names the agency that places orders with a site, not the site "
                           "(a list of government bodies imports with --list government_counterparties)"}

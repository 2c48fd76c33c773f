"""The column headings supplier lists really use, and the field each one stands for.

This table is the one place headings are recognised (the importing page of the docs shows
it). A heading is compared after `column_key`: case, spaces, underscores and punctuation
do not matter, so "Factory Name", "Factory_Name" and "factory name" are one heading, and
"Country/Region" and "Country / Region" are "country_region". `--map` names the rest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# layout column → the headings lists write for it (each also matches itself).
HEADINGS: dict[str, tuple[str, ...]] = {
    "id": ("ID", "Entity ID"),
    "name": ("Name", "Factory Name", "Supplier Name", "Facility Name", "Site Name", "Name of Site", "Factory"),
    "address": ("Address", "Full Address", "Site Address", "Facility Address", "Factory Address"),
    "city": ("City", "Town", "City/Town"),
    "subdivision": ("Province", "State", "Region", "State/Province", "Province/State"),
    "country": ("Country", "Country Name", "Country/Region", "Country / Region", "country_code",
                "Country Code", "country_name"),
    "product_type": ("Product Type", "Products", "Product Type Type", "Type of Products", "Product Types",
                     "Type of Product", "sector_product_type"),
    "number_of_workers": ("Number of Workers", "Total Workers", "Workers", "Worker Band",
                          "Number of Employees", "Approximate Number of Workers"),
    "female_workers": ("Female Workers", "Number of Female Workers", "Women Workers"),
    "migrant_workers": ("Migrant Workers", "Number of Migrant Workers"),
    "parent_company": ("Parent Company", "Parent Organization Name", "Parent Organisation Name",
                       "Supplier Group", "Parent", "Parent Company Name", "Group"),
    "facility_type": ("Facility Type", "Factory Type", "facility_type_processing_type", "Type of Facility"),
    "processing_type": ("Processing Type",),  # also read into facility_type, beside the facility type
    "lat": ("Latitude", "lat"),
    "lng": ("Longitude", "lng", "lon", "long"),
    "os_id": ("os_id", "OS ID", "Open Supply Hub ID", "OAR ID"),
    "lei_id": ("LEI", "lei_id"),
    "duns_id": ("DUNS", "duns_id", "D-U-N-S"),
    "uscc": ("USCC", "Unified Social Credit Code"),
    "native_language_name": ("Local Name", "native_language_name", "Name in Local Language"),
    "is_closed": ("is_closed", "Closed"),
}


def column_key(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", heading.strip().casefold()).strip("_")


# What the Open Supply Hub download has a column for that a disclosure cannot hold as is.
NOT_CARRIED = ("sector", "contributor_list", "contribution_date", "processing_type_facility_type_raw")

_BY_KEY = {column_key(h): column for column, headings in HEADINGS.items() for h in (column, *headings)}


def resolve(heading: str, mapping: Mapping[str, str]) -> str:
    """The layout column a heading stands for: --map first, then the table."""
    if heading in mapping:
        return column_key(mapping[heading])
    key = column_key(heading)
    if key in mapping:
        return column_key(mapping[key])
    return _BY_KEY.get(key, key)

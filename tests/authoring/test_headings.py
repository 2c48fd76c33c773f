"""The headings table is data in one place, and the importing page shows it as it is."""

from __future__ import annotations

import pytest

from generator.authoring.headings import HEADINGS, column_key, resolve
from generator.authoring.osh import FIELDS, heading_table
from tests.sitebuild import ROOT


def test_the_docs_show_the_table_and_the_identity_rule() -> None:
    page = (ROOT / "generator" / "defaults" / "docs" / "importing.md").read_text(encoding="utf-8")
    assert heading_table() in page
    assert "## One row is one site" in page and "nan-yang-garment-th-phichit" in page
    assert "importing.md" in (ROOT / "generator" / "defaults" / "docs" / "submit.md").read_text(encoding="utf-8")


def test_every_recognised_heading_names_a_column_the_importer_reads() -> None:
    for column, headings in HEADINGS.items():
        assert column in FIELDS
        for heading in headings:
            assert resolve(heading, {}) == column, heading


@pytest.mark.parametrize(("written", "column"), [
    ("Factory Name", "name"), ("Factory_Name", "name"), ("  factory   name ", "name"), ("SUPPLIER NAME", "name"),
    ("Facility Name", "name"), ("Site Name", "name"), ("Full Address", "address"), ("Town", "city"),
    ("Province", "subdivision"), ("State", "subdivision"), ("Region", "subdivision"), ("Country Name", "country"),
    ("Country/Region", "country"), ("Country / Region", "country"), ("country_code", "country"),
    ("Products", "product_type"), ("Total Workers", "number_of_workers"), ("Number of Workers", "number_of_workers"),
    ("Workers", "number_of_workers"), ("% Female Workers", "female_share"),
    ("Female Workers", "female_workers"), ("Migrant Workers", "migrant_workers"),
    ("Parent Organization Name", "parent_company"), ("Supplier Group", "parent_company"),
    ("Factory Type", "facility_type"), ("Processing Type", "processing_type"), ("Latitude", "lat"), ("lng", "lng"),
    ("lon", "lng"), ("OS ID", "os_id"), ("is_closed", "is_closed"),
    ("Country¹", "country"), ("Total Workers²", "number_of_workers"), ("% Female Workers*", "female_share"),
    ("Factory Name†", "name"), ("Address [1]", "address"), ("Country (2)", "country"),
])
def test_headings_as_lists_write_them(written: str, column: str) -> None:
    assert resolve(written, {}) == column


def test_map_goes_before_the_table_and_unknown_headings_stay_themselves() -> None:
    assert resolve("Factory Name", {"Factory Name": "address"}) == "address"
    assert resolve("Nike, Inc. Brand(s)", {}) == column_key("Nike, Inc. Brand(s)") == "nike_inc_brand_s"


def test_the_importer_knows_every_column_the_table_or_map_may_name() -> None:
    from generator.authoring.headings import _EXTRA, known
    assert set(HEADINGS) | set(_EXTRA) == set(FIELDS)
    assert known("Adresse / Address", {}) == "address" and known("Land / Country", {}) == "country"
    assert known("Factory\nName", {}) == "name" and known("Nike, Inc. Brand(s)", {}) is None
    assert known("Number of Workers (approx.)", {}) == "number_of_workers"
    assert known("Female Workers (%)", {}) == "female_share" and known("Country [ISO]", {}) == "country"


@pytest.mark.parametrize(("written", "column"), [
    ("Manufacturer Name", "name"), ("Manufacturer", "name"), ("Name of Supplier", "name"),
    ("Production Facility Name", "name"), ("Name of Facility", "name"), ("Product(s)", "product_type"),
    ("Main Product Category", "product_type"), ("Country or Area", "country"),
])
def test_headings_of_manufacturers_lists(written: str, column: str) -> None:
    assert resolve(written, {}) == column


@pytest.mark.parametrize("heading", ["#", "No.", "S.No", "Sr. No.", "Sl. No", "S/N", "Serial No.", "№"])
def test_a_column_that_numbers_the_rows_is_said_to_be_one(heading: str) -> None:
    """It was 'not a heading the importer knows; name its field with --map', as if it held a fact to keep."""
    assert resolve(heading, {}) == "row_number"


def test_a_heading_of_punctuation_alone_is_no_row_number() -> None:
    assert resolve("---", {}) != "row_number"

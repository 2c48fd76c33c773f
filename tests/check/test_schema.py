"""The JSON Schema against MODEL.md, and its errors rewritten for the person editing the YAML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check.schema import schema
from generator.check.unique import unique
from generator.check.validation import validate_paths

ROOT = Path(__file__).resolve().parents[2]

# Enumerations exactly as MODEL.md names them.
MODEL_ENUMS = {
    "activities": ["manufacturing", "sourcing", "sales", "services", "research", "logistics", "other"],
    "partner": ["joint-venture", "distributor", "licensee", "research-collaboration", "service-provider",
                "investor", "customer", "other"],
    "counterparty": ["customer", "supplier", "partner", "licensor", "grantor", "regulator", "other"],
    "supplier": ["supplier"],
    "entity status": ["active", "suspended", "ended"],
    "kind": ["public-security", "military", "military-economic", "state-owned-enterprise", "government-agency",
             "state-research-institute", "other"],
    "step": ["risk-assessment", "independent-audit", "stakeholder-engagement", "partner-disclosure", "mitigation",
             "monitoring", "public-report", "remediation", "grievance-mechanism", "responsible-exit",
             "training"],
    "step status": ["planned", "in-progress", "completed", "not-undertaken"],
    "category": ["forced-labour", "surveillance-misuse", "data-without-consent", "discrimination",
                 "freedom-of-expression", "privacy", "land-rights", "other"],
    "severity": ["low", "medium", "high", "severe"],
    "risk status": ["open", "mitigated", "closed"],
    "decision": ["not-a-match", "confirmed-match"],
}


def objects(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "properties" in node:
            yield where, node
        for key, value in node.items():
            yield from objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from objects(value, f"{where}/{i}")


def test_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema()["$id"]


def test_every_object_is_closed_and_every_property_described() -> None:
    found = list(objects(schema()))
    assert len(found) > 10
    for where, node in found:
        assert node.get("additionalProperties") is False, where
        assert node.get("type") == "object", where
        for name, prop in node["properties"].items():
            assert prop.get("description"), f"{where}/properties/{name}"
        assert set(node.get("required", [])) <= set(node["properties"]), where


def test_enums_are_exactly_as_the_model_names_them() -> None:
    defs = schema()["$defs"]
    found = {
        "activities": defs["operation"]["properties"]["activities"]["items"]["enum"],
        "partner": defs["partner"]["properties"]["relationship"]["enum"],
        "counterparty": defs["government_counterparty"]["properties"]["relationship"]["enum"],
        "supplier": defs["supplier"]["properties"]["relationship"]["enum"],
        "entity status": defs["supplier"]["properties"]["status"]["enum"],
        "kind": defs["government_counterparty"]["properties"]["kind"]["enum"],
        "step": defs["due_diligence_step"]["properties"]["step"]["enum"],
        "step status": defs["due_diligence_step"]["properties"]["status"]["enum"],
        "category": defs["risk"]["properties"]["category"]["enum"],
        "severity": defs["risk"]["properties"]["severity"]["enum"],
        "risk status": defs["risk"]["properties"]["status"]["enum"],
        "decision": defs["screening_record"]["properties"]["decision"]["enum"],
    }
    assert found == MODEL_ENUMS


def test_required_fields_are_as_the_model_says() -> None:
    top, defs = schema(), schema()["$defs"]
    assert top["required"] == ["schema_version", "company", "disclosure"]
    assert top["properties"]["company"]["required"] == ["id", "name"]
    assert top["properties"]["disclosure"]["required"] == ["period", "published"]
    assert defs["supplier"]["required"] == ["id", "name", "country"]  # relationship: only from 1.1 (a check)
    assert defs["government_counterparty"]["required"] == ["id", "name", "country", "relationship", "kind"]
    assert defs["due_diligence_step"]["required"] == ["id", "step", "status", "summary"]
    assert defs["risk"]["required"] == ["id", "category", "description"]
    assert defs["source"]["required"] == ["title", "url"]
    assert defs["screening_record"]["required"] == ["entity", "list", "decision", "reason"]


@pytest.mark.parametrize("folder", [ROOT / "disclosures", ROOT / "tests" / "cases" / "valid"])
def test_every_example_validates(folder: Path) -> None:
    result = validate_paths([folder])
    assert result.documents
    assert [p.text() for p in result.problems if p.is_error] == []


# --- messages -----------------------------------------------------------------------------

def one(problems: list[Any]) -> tuple[int, int, str, str]:
    assert len(problems) == 1, [p.text() for p in problems]
    p = problems[0]
    return p.line, p.column, p.code, p.message


def test_unknown_key_suggests_the_closest_allowed_key(lv_full_text: str, lv_check) -> None:
    line, column, code, message = one(lv_check(lv_full_text.replace("  legal_name:", "  legal_nmae:")))
    assert (line, column, code) == (7, 3, "unknown-field")
    assert "'legal_nmae' is not a field here; did you mean 'legal_name'?" in message
    assert "Allowed fields: aliases, contact," in message


def test_misspelt_company_is_one_unknown_key_and_one_missing_key(lv_full_text: str, lv_check) -> None:
    problems = lv_check(lv_full_text.replace("company:", "compnay:", 1))
    assert [(p.line, p.column, p.code) for p in problems] == [(4, 1, "unknown-field"), (3, 1, "missing-field")]
    assert "did you mean 'company'?" in problems[0].message
    assert "the file needs 'company'" in problems[1].message


def test_unknown_key_without_a_close_match_lists_what_is_allowed(lv_full_text: str, lv_check) -> None:
    _, _, _, message = one(lv_check(lv_full_text.replace("    workers: 0", "    zzz: 0")))
    assert message.startswith("'zzz' is not a field here. Allowed fields: address, aliases,")


def test_enum_lists_the_allowed_values_and_suggests_one(lv_full_text: str, lv_check) -> None:
    line, column, code, message = one(lv_check(lv_full_text.replace("kind: public-security", "kind: police")))
    assert (line, column, code) == (80, 11, "not-allowed-value")
    assert message == ("'police' is not an allowed value for kind. Write one of: public-security, military, "
                       "military-economic, state-owned-enterprise, government-agency, state-research-institute, other.")
    _, _, _, message = one(lv_check(lv_full_text.replace("severity: severe", "severity: sever")))
    assert "did you mean 'severe'?" in message


def test_missing_field_in_a_list_item_points_at_the_item(lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("    relationship: customer\n", "")
    line, column, code, message = one(lv_check(text))
    assert (line, column, code) == (75, 5, "missing-field")  # "- id: example-psb", not line 1
    assert message.startswith("this entry in government_counterparties needs 'relationship' (Kind of relationship")
    assert "add a line 'relationship: …'" in message


def test_missing_field_in_a_mapping_points_at_its_key(lv_full_text: str, lv_check) -> None:
    line, column, code, message = one(lv_check(lv_full_text.replace("  published: 2025-03-01\n", "")))
    assert (line, column, code) == (24, 1, "missing-field")
    assert message.startswith("disclosure needs 'published'")


def test_missing_field_in_a_flow_mapping_points_at_its_key(lv_full_text: str, lv_check) -> None:
    problems = lv_check(lv_full_text.replace("end: 2024-12-31}", "ende: 2024-12-31}"))
    assert sorted((p.line, p.column, p.code) for p in problems) == [(25, 3, "missing-field"),
                                                                    (25, 31, "unknown-field")]


@pytest.mark.parametrize(("written", "words"), [
    ("1.0", 'schema_version 1.0 must be written in quotes, so that it stays text: "1.0"'),
    ("1", 'schema_version 1 must be written in quotes'),
    ("'2.0'", "schema_version '2.0' is not a version this tool reads; write \"1.0\""),
])
def test_schema_version(written: str, words: str, lv_full_text: str, lv_check) -> None:
    line, column, code, message = one(lv_check(lv_full_text.replace('schema_version: "1.0"',
                                                                    f"schema_version: {written}")))
    assert (line, column, code) == (3, 17, "wrong-schema-version")
    assert words in message


@pytest.mark.parametrize(("old", "new", "code", "words"), [
    ("name: Full Example Systems", "name: 1234", "wrong-type", 'name should be a text, not a whole number; '
                                                               'put it in quotes: "1234"'),
    ("name: Full Example Systems", "name: true", "wrong-type", 'put it in quotes: "true"'),
    ("name: Full Example Systems", "name:", "wrong-type", "name has no value; write a text"),
    ("name: Full Example Systems", "name: ''", "empty-value", "name is empty; write a value"),
    ("aliases: [FES,", "aliases: [[FES],", "wrong-type", "each entry in aliases should be a text, not a list"),
    ("example: true", "example: yes", "wrong-type", "example should be true or false, not a text; write true "
                                                    "('yes' is read as text)"),
    ("example: true", "example: Off", "wrong-type", "write false ('Off' is read as text)"),
    ("workers: 0", "workers: -1", "out-of-range", "workers is -1; it must be at least 0"),
    ("activities: [sales, services]", "activities: [sales, sales]", "repeated-value",
     "activities lists the same value more than once"),
    ("headquarters: GB", "headquarters: gb", "invalid-country", "must be in upper case: 'GB'"),
    ("headquarters: GB", "headquarters: uk", "invalid-country", "Write its code: 'GB' (United Kingdom)."),
    ("headquarters: GB", "headquarters: GBR", "invalid-country", "ISO 3166-1 alpha-2"),
    ("headquarters: GB", "headquarters: GBR", "invalid-country", "Write its code: 'GB' (United Kingdom)"),
    ("headquarters: GB", "headquarters: Peoples Republic of China", "invalid-country", "Write its code: 'CN' (China)"),
    ("headquarters: GB", "headquarters: Türkiye", "invalid-country", "Write its code: 'TR'"),
    ("headquarters: GB", "headquarters: Phillipines", "invalid-country", "Write its code: 'PH'"),
    ("headquarters: GB", "headquarters: Korea", "invalid-country", "it could be South Korea (KR) or North Korea"),
    ("subdivision: CN-XJ\n    region", "subdivision: XJ\n    region", "invalid-subdivision", "CN-XJ"),
    ("subdivision: CN-XJ\n    region", "subdivision: Guangdong Province\n    region", "invalid-subdivision",
     "Write its code: 'CN-GD'"),
    ("website: https://full-example.example", "website: javascript:alert(1)", "invalid-url", "https://"),
    ("website: https://full-example.example", "website: //full-example.example", "invalid-url", "https://"),
    ("id: kashgar-cotton", "id: Kashgar Cotton", "invalid-id", "lower-case letters"),
    ("lei: 5493001KJTIIGC8Y1R12", "lei: 5493001KJTIIGC8Y1R1", "invalid-identifier", "20 characters"),
    ("published: 2025-03-01", "published: 2025.03", "invalid-date", "YYYY-MM-DD"),
    ("published: 2025-03-01", "published: 1 March 2025", "invalid-date", "YYYY-MM-DD"),
    ("published: 2025-03-01", "published: 1 March 2025", "invalid-date", "Write it as '2025-03-01'."),
    ("published: 2025-03-01", "published: March 2025", "invalid-date", "Write it as '2025-03'."),
    ("published: 2025-03-01", "published: 25/03/2025", "invalid-date", "Write it as '2025-03-25'."),
    ("published: 2025-03-01", "published: 01/03/2025", "invalid-date",
     "Write '2025-03-01' if it is day then month, '2025-01-03' if month then day."),
    ("workers: 0", "workers: 1,200", "invalid", "Write it as 1200, without separators."),
    ("workers: 0", "workers: 1\u202f200", "invalid", "Write it as 1200, without separators."),
    ("workers: 0", "workers: 12\u00a0000", "invalid", "Write it as 12000, without separators."),
    ("tier: 1", "tier: 5", "invalid", "1 (direct) to 4, or raw-material"),
    ("website: https://full-example.example", "website: rights@full-example.example", "invalid-url",
     "That is an e-mail address, and contact, under company, has its email already: write a web address here."),
    ("email: rights@full-example.example", "email: www.full-example.example/contact", "invalid",
     "That is a web address, and contact, under company, has its url already: write an e-mail address here."),
    ("country: NO", "country: \u201cNO\u201d", "invalid-country",
     "The typographic quotes around it are letters to YAML: delete them, and write its code: 'NO' (Norway)."),
    ("country: NO", "country: \u2018Norway\u2019", "invalid-country", "write its code: 'NO' (Norway)."),
    ("tier: 1", "tier: Tier 1", "invalid", "Write the number alone: 1."),
    ("tier: 1", "tier: T2", "invalid", "Write the number alone: 2."),
    ("tier: 1", "tier: '3'", "invalid", "Write the number alone: 3."),
    ("tier: 1", "tier: Tier 1 (direct)", "invalid", "Write the number alone: 1."),
    ("tier: 1", "tier: raw material", "invalid", "Write it as raw-material."),
    ("tier: 1", "tier: Raw Materials", "invalid", "Write it as raw-material."),
])
def test_schema_errors_in_plain_words(old: str, new: str, code: str, words: str, lv_full_text: str,
                                      lv_check) -> None:
    assert old in lv_full_text
    line, _, found, message = one(lv_check(lv_full_text.replace(old, new, 1)))
    assert found == code
    assert words in message
    assert line == lv_full_text[: lv_full_text.index(old)].count("\n") + 1


@pytest.mark.parametrize(("old", "new", "advice"), [
    ("products: [cotton]", "products: cotton, seed cotton", "products: [cotton, seed cotton]"),
    ("products: [cotton]", "products: cotton; men's shirts", "products: [cotton, men's shirts]"),
    ("products: [cotton]", "products: cotton", "products: [cotton]"),
    ("products: [cotton]", "products:\n      \u2022 cotton\n      \u2022 yarn", "products: [cotton, yarn]"),
    ("products: [cotton]", "products:\n      \u2013 cotton\n      \u2013 yarn [spun]",
     'products: [cotton, "yarn [spun]"]'),
    ("products: [cotton]", "products:\n      -cotton\n      -yarn", "products: [cotton, yarn]"),
    ("products: [cotton]", "products:\n      -cotton\n      -T-shirts", "products: [cotton, T-shirts]"),
    ("products: [cotton]", "products: 2016, 1.5", 'products: ["2016", "1.5"]'),
    ("products: [cotton]", "products: true, null, 1e3, 0x1F", 'products: ["true", "null", "1e3", "0x1F"]'),
    ("activities: [sales, services]", "activities: sales, services", "activities: [sales, services]"),
    ("scope: [urumqi-vision, example-psb]", "scope: urumqi-vision, example-psb", "scope: [urumqi-vision, example-psb]"),
])
def test_a_list_written_as_one_text_is_answered_with_the_list(old: str, new: str, advice: str, lv_full_text: str,
                                                              lv_check) -> None:
    """A list typed as in a Word cell ('cotton, yarn', '• cotton • yarn') was told only that it should be a list."""
    assert old in lv_full_text
    _, _, code, message = one(lv_check(lv_full_text.replace(old, new, 1)))
    assert code == "wrong-type" and f"; write {advice}" in message
    assert lv_check(lv_full_text.replace(old, advice, 1)) == []


@pytest.mark.parametrize(("old", "new", "advice"), [
    ("website: https://full-example.example", "website: rights@full-example.example",
     "email: rights@full-example.example"),
    ("website: https://full-example.example", "website: mailto:rights@full-example.example",
     "email: rights@full-example.example"),
    ("email: rights@full-example.example", "email: www.full-example.example/contact",
     "url: https://www.full-example.example/contact"),
])
def test_an_address_in_the_other_field_is_moved_only_where_there_is_room(old: str, new: str, advice: str,
                                                                        lv_full_text: str, lv_check) -> None:
    """An e-mail address in website was told to go in contact as 'email: …' though contact had its email:
    written there, it was a duplicate key."""
    field = advice.split(":")[0]
    text = re.sub(rf"\n    {field}: .*", "", lv_full_text, count=1)   # contact without the field
    _, _, _, message = one(lv_check(text.replace(old, new, 1)))
    assert message.endswith(f"write it under company, in contact, as '{advice}'.")
    fixed = text.replace(old, old if field == "url" else "website: https://full-example.example", 1)
    assert lv_check(fixed.replace("  contact:\n", f"  contact:\n    {advice}\n", 1)) == []


def test_a_list_written_without_its_dashes_says_where_the_dash_goes(lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("suppliers:\n  - id: kashgar-cotton\n", "suppliers:\n    id: kashgar-cotton\n")
    text = re.sub(r"  - id: oslo-parts\n(    .*\n)*", "", text)   # one supplier, written without its dash
    problems = lv_check(text)
    assert [p.code for p in problems] == ["wrong-type"]   # not the screening record's reference to it too
    message = problems[0].message
    assert message.endswith("; start each entry with '- ' before its first key ('- id: …'), and line its other keys "
                            "up with 'id'")


def test_a_mapping_written_as_a_list_of_one_says_to_delete_the_dash(lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("{name: Example Audit LLP, independent: true}",
                                "\n      - name: Example Audit LLP\n        independent: true")
    _, _, code, message = one(lv_check(text))
    assert code == "wrong-type" and "delete the '- ' before its first key" in message


@pytest.mark.parametrize(("written", "words"), [
    ("female_workers: 45%", "female_workers is a number of workers, not a share; write how many, as a whole number "
                            "(45% of 1200 workers is 540)"),
    ("female_workers: 0.45", "(45% of 1200 workers is 540)"),
    ("migrant_workers: 7.5 %", "(7.5% of 1200 workers is 90)"),
    ("female_workers: 540 women", "should be a whole number, not a text; write the number alone: 540"),
    ("female_workers: 1.5", "should be a whole number, not a decimal number"),
    ("workers: 1.200", "should be a whole number, not a decimal number; write it as 1200, without separators"),
    ("workers: 1200 workers", "Write the number alone: 1200 (a note can say more)."),
    ("workers: approx. 1,200", "Write the number alone: 1200"),
    ("workers: 1200+", "Write the number alone: 1200"),
    ("workers: 100 - 150", 'Write it as "100-150", without spaces.'),
    ("workers: 150 - 100", 'Write it as "100-150", without spaces.'),   # "150-100" runs backwards
])
def test_a_count_written_as_in_a_spreadsheet_says_what_number_to_write(written: str, words: str, lv_full_text: str,
                                                                      lv_check) -> None:
    """A share where a count is asked, a unit or 'approx.' beside the number, '1.200' for twelve hundred."""
    text = lv_full_text.replace('schema_version: "1.0"', 'schema_version: "1.1"').replace(
        "    workers: 0\n", "    workers: 1200\n" + ("" if written.startswith("workers") else f"    {written}\n"))
    if written.startswith("workers"):
        text = text.replace("workers: 1200\n", f"{written}\n")
    _, _, _, message = one(lv_check(text))
    assert words in message


@pytest.mark.parametrize(("old", "new", "words"), [
    ("    since: 2016\n", "    since:\n", "since has no value; write a date as YYYY-MM-DD (or YYYY-MM, or YYYY); "
                                          "if it is not known, delete the line 'since:'"),
    ("    since: 2016\n", "    since: N/A\n", "If it is not known, delete the line 'since: N/A'."),
    ("    since: 2016\n", "    since: unknown\n", "If it is not known, delete the line 'since: unknown'."),
    ("    tier: raw-material\n", "    tier:\n", "tier has no value. Expected: Supply-chain tier: 1 (direct) to 4, "
                                               "or raw-material; if it is not known, delete the line 'tier:'"),
    ("    tier: raw-material\n", "    tier: TBD\n", "If it is not known, delete the line 'tier: TBD'."),
    ("  headquarters: GB\n", "  headquarters:\n", "write a country code, such as CN or GB; if it is not known"),
    ("    severity: severe\n", "    severity: '-'\n", "If it is not known, delete the line 'severity: -'."),
])
def test_an_optional_value_not_known_is_told_to_be_left_out(old: str, new: str, words: str, lv_full_text: str,
                                                            lv_check) -> None:
    """A cell left empty or written 'N/A' was answered 'since null is not a valid date', and never told it may go."""
    assert old in lv_full_text
    _, _, _, message = one(lv_check(lv_full_text.replace(old, new, 1)))
    assert words in message and "null" not in message
    assert lv_check(lv_full_text.replace(old, "", 1)) == []


def test_a_list_not_known_is_not_told_to_hold_its_mark(lv_full_text: str, lv_check) -> None:
    """'products: N/A' was told to write products: [N/A], a product named N/A, before that it may go."""
    _, _, _, message = one(lv_check(lv_full_text.replace("products: [cotton]", "products: N/A", 1)))
    assert "[N/A]" not in message and "If it is not known, delete the line 'products: N/A'." in message


@pytest.mark.parametrize(("old", "new", "words"), [
    ("    country: NO\n", "    country:\n", "country has no value; write a country code, such as CN or GB"),
    ("    country: NO\n", "    country: N/A\n", "is not a valid country"),
    ("  published: 2025-03-01\n", "  published:\n", "published has no value; write a date as YYYY-MM-DD"),
    ("  published: 2025-03-01\n", "  published: TBD\n", "is not a valid date"),
    ("products: [cotton]", "products: [cotton, null]", "each entry in products has no value; write a text"),
])
def test_a_required_value_not_known_is_not_told_to_be_left_out(old: str, new: str, words: str, lv_full_text: str,
                                                               lv_check) -> None:
    problems = lv_check(lv_full_text.replace(old, new, 1))
    assert all("delete the line" not in p.message for p in problems)
    assert words in problems[0].message


@pytest.mark.parametrize(("written", "words"), [
    ("2025-3-1", "Write it as '2025-03-01'."),
    ("2025-3", "Write it as '2025-03'."),
    ("2025-13-01", "There is no month 13; if it is 13 January, write '2025-01-13'."),
    ("Q1 2025", "A quarter is not a date: write the month it starts, '2025-01', or, for an end, its last day, "
                "'2025-03-31'."),
    ("2024-Q4", "'2024-10', or, for an end, its last day, '2024-12-31'."),
    ("FY2024", "A financial year is not a date: write the day it starts or ends as YYYY-MM-DD, or the year alone, "
               "'2024'."),
    ("FY24", "or the year alone, '2024'."),
    ("FY 2024/25", "write the day it starts or ends as YYYY-MM-DD."),
])
def test_a_date_as_people_write_it_is_answered_with_the_date(written: str, words: str, lv_full_text: str,
                                                           lv_check) -> None:
    """'2025-3-1' and '2025-13-01' were told only the format; a quarter or financial year, nothing of what to write."""
    _, _, code, message = one(lv_check(lv_full_text.replace("published: 2025-03-01", f"published: {written}", 1)))
    assert code == "invalid-date" and message.endswith(words), message
    if "Write it as" in words:
        assert lv_check(lv_full_text.replace("published: 2025-03-01", f"published: {words.split(chr(39))[1]}")) == []


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    ("  published: 2025-03-01\n", "  published: 2025-03-01\n  tier: 1\n", (27, 3),
     "'tier' is not a field of disclosure: it belongs in each entry of suppliers; move the line there"),
    ("  period: {start: 2024-01-01, end: 2024-12-31}\n  published: 2025-03-01\n",   # indented under period
     "  period:\n    start: 2024-01-01\n    end: 2024-12-31\n    published: 2025-03-01\n", (28, 5),
     "'published' is not a field of period: it belongs in disclosure; move the line there"),
    ('schema_version: "1.0"\ncompany:\n', 'company:\n  schema_version: "1.0"\n', (4, 3),
     "'schema_version' is not a field of company: it belongs in the top level of the file (no indentation); "
     "move the line there"),
])
def test_a_field_at_the_wrong_level_is_told_where_it_belongs(old: str, new: str, where: tuple[int, int], message: str,
                                                            lv_full_text: str, lv_check) -> None:
    """A field of the model one level off was "not a field here" with the list of this level's fields, and, moved
    out of its mapping, also missing from it: two problems for one line out of place."""
    assert old in lv_full_text
    assert [(p.line, p.column, p.code, p.message) for p in lv_check(lv_full_text.replace(old, new, 1))] == [
        (*where, "unknown-field", message)]


def test_a_field_whose_place_holds_it_already_is_not_told_to_move(lv_full_text: str, lv_check) -> None:
    """'published' in a supplier was told to move to disclosure, which has its own: moved, it was a duplicate key."""
    text = lv_full_text.replace("    workers: 0\n", "    workers: 0\n    published: 2024-01-01\n", 1)
    _, _, code, message = one(lv_check(text))
    assert code == "unknown-field" and message.startswith("'published' is not a field here")
    assert "move the line" not in message


def test_a_key_glued_to_a_text_holding_a_colon_is_told_the_line_to_write(lv_full_text: str, lv_check) -> None:
    """'name:Kashgar: Example Cotton', valid YAML as a key 'name:Kashgar', said "this entry in suppliers needs
    'name'" and "'name:Kashgar' is not a field here. Allowed fields: …", and never that a space was missing."""
    line = re.search(r"\n(    name: (Kashgar[^\n]*))\n", lv_full_text)
    assert line
    head, tail = line[2].split(" ", 1)
    problems = lv_check(lv_full_text.replace(line[1], f"    name:{head}: {tail}", 1))
    assert [p.code for p in problems] == ["unknown-field"]
    advice = f'write name: "{head}: {tail}"'
    assert problems[0].message.endswith(advice)
    assert lv_check(lv_full_text.replace(line[1], "    " + advice[6:], 1)) == []


def test_a_field_under_an_entry_that_holds_it_already_is_not_told_to_move(lv_full_text: str, lv_check) -> None:
    """'tier' under the identifiers of a supplier with its tier was told "it belongs in each entry of suppliers;
    move the line there": moved up to its own entry, it was a duplicate key."""
    text = lv_full_text.replace("    workers: 0\n", "    workers: 0\n    identifiers: {tier: 2}\n", 1)
    _, _, code, message = one(lv_check(text))
    assert code == "unknown-field" and message.startswith("'tier' is not a field here")
    moved = lv_full_text.replace("    status: ended\n", "    status: ended\n    identifiers: {tier: 2}\n", 1)
    moved = moved.replace("    tier: 1\n", "", 1)   # a supplier without a tier: there the line may go
    assert "move the line there" in one(lv_check(moved))[3]


def test_a_common_field_at_the_wrong_level_lists_the_fields_of_its_mapping(lv_full_text: str, lv_check) -> None:
    """'status' is a field of five mappings: naming them would not help."""
    _, _, code, message = one(lv_check(lv_full_text.replace("  published: 2025-03-01\n",
                                                            "  published: 2025-03-01\n  status: active\n", 1)))
    assert code == "unknown-field" and message.startswith("'status' is not a field here. Allowed fields: example,")


def test_a_required_field_is_reported_beside_a_stray_one_not_told_where_to_go(lv_full_text: str, lv_check) -> None:
    """Only a key the message says to move mends the mapping it is missing from."""
    text = lv_full_text.replace("    name: Kashgar Example Cotton\n", "    identifiers: {name: Kashgar Example}\n")
    assert sorted(p.code for p in lv_check(text)) == ["missing-field", "unknown-field"]


@pytest.mark.parametrize(("written", "advice"), [
    ("scope: [Urumqi Vision, example-psb]", "Write it as 'urumqi-vision'."),   # the id of an entity of the file
    ("scope: [TBD, example-psb]", None),                                       # 'tbd' is no entity's id
    ("scope: [Nobody Here, example-psb]", None),
])
def test_a_reference_is_rewritten_only_to_an_id_the_file_holds(written: str, advice: str | None, lv_full_text: str,
                                                              lv_check) -> None:
    """'scope: [TBD]' was told "Write it as 'tbd'.", which then failed as an unknown reference."""
    _, _, code, message = one(lv_check(lv_full_text.replace("scope: [urumqi-vision, example-psb]", written, 1)))
    assert code == "invalid-id"
    assert message.endswith(advice) if advice else "Write it as" not in message


@pytest.mark.parametrize("written", ["39.4704, 75.9898", "(39.4704, 75.9898)", "39.4704 75.9898"])
def test_coordinates_pasted_from_a_map_say_how_to_write_them(written: str, lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace('schema_version: "1.0"', 'schema_version: "1.1"').replace(
        "    tier: raw-material\n", f"    tier: raw-material\n    coordinates: {written}\n", 1)
    _, _, code, message = one(lv_check(text))
    assert code == "wrong-type" and message.endswith("; write the two numbers as {lat: 39.4704, lon: 75.9898} "
                                                     "(latitude first, as a map gives them)")
    assert lv_check(text.replace(written, "{lat: 39.4704, lon: 75.9898}")) == []


@pytest.mark.parametrize(("written", "advice"), [
    ("75.9898, 139.4704", "; write the two numbers as {lat: 75.9898, lon: 139.4704} (latitude first"),
    ("139.4704, 75.9898", "; write the two numbers as {lat: 75.9898, lon: 139.4704} (139.4704 is no latitude, "
                          "which runs from -90 to 90: the longitude is written first)"),
    ("-33.9, -181.5", None),   # no point on earth: no mapping to write
])
def test_coordinates_are_rewritten_only_to_a_point_that_validates(written: str, advice: str | None,
                                                                   lv_full_text: str, lv_check) -> None:
    """'91.5, 10.5' was told to write {lat: 91.5, lon: 10.5}, which failed again as a latitude above 90."""
    text = lv_full_text.replace('schema_version: "1.0"', 'schema_version: "1.1"').replace(
        "    tier: raw-material\n", f"    tier: raw-material\n    coordinates: {written}\n", 1)
    _, _, code, message = one(lv_check(text))
    assert code == "wrong-type"
    if advice is None:
        assert message.endswith("not a text")
        return
    assert advice in message
    mapping = re.search(r"\{lat: \S+, lon: \S+\}", message)
    # it validates; in the Laptev Sea, it is no point of the site's country, which is a warning
    assert mapping and [p.code for p in lv_check(text.replace(written, mapping[0]))] == ["coordinates-outside-country"]


def test_coordinates_with_decimal_commas_say_to_write_a_point(lv_full_text: str, lv_check) -> None:
    """'{lat: 23,81, lon: 90,41}', as a European sheet writes them, was "'81' is not a field here" twice."""
    text = lv_full_text.replace('schema_version: "1.0"', 'schema_version: "1.1"').replace(
        "    tier: raw-material\n", "    tier: raw-material\n    coordinates: {lat: 39,47, lon: 75,99}\n", 1)
    assert [p.message for p in lv_check(text)] == [
        "'lat: 39,47' is read as lat: 39 and a field '47', a comma separating the two; write the number with a "
        "decimal point: lat: 39.47",
        "'lon: 75,99' is read as lon: 75 and a field '99', a comma separating the two; write the number with a "
        "decimal point: lon: 75.99"]
    assert lv_check(text.replace("{lat: 39,47, lon: 75,99}", "{lat: 39.47, lon: 75.99}")) == []


def test_a_number_of_100000_digits_after_a_comma_is_not_repeated(lv_full_text: str, lv_check) -> None:
    """'{lat: 23,888…}' of 100,000 digits was told to write the number back whole, three times over."""
    point = f"{{lat: 23,{'8' * 100_000}, lon: 90}}"
    text = lv_full_text.replace('schema_version: "1.0"', 'schema_version: "1.1"').replace(
        "    tier: raw-material\n", f"    tier: raw-material\n    coordinates: {point}\n", 1)
    assert all(len(p.message) < 400 for p in lv_check(text))


@pytest.mark.parametrize("written", ["March 99999999999999999999", "March 2025²", "15/00/2025", "2025/00/15",
                                     "0/0/2025", "00/05/2025", "1 2 March 2025"])
def test_a_date_no_calendar_holds_is_answered_with_its_format_alone(written: str, lv_full_text: str,
                                                                  lv_check) -> None:
    """A year too large for a date, a superscript digit, or a month or day of 0 stopped validate with a traceback
    ('15/00/2025' was told to write 2025-01-15, 0/0/2025 unpacked no reading)."""
    _, _, code, message = one(lv_check(lv_full_text.replace("published: 2025-03-01", f"published: {written}", 1)))
    assert code == "invalid-date" and "Write" not in message, message


def test_schema_errors_and_semantic_problems_show_in_one_pass(lv_full_text: str, lv_check) -> None:
    # An unknown reference and a wrong type at once: both are reported, so nobody fixes in waves.
    text = lv_full_text.replace("entities: [example-psb", "entities: [nobody").replace("workers: 0", "workers: [x]")
    assert sorted(p.code for p in lv_check(text)) == ["unknown-reference", "wrong-type"]


def test_a_value_the_schema_rejects_is_not_checked_again(lv_full_text: str, lv_check) -> None:
    # `cn` is refused by the schema (lower case); the country check must not report it a second time,
    # while a subdivision of another country elsewhere is still found.
    head, _, tail = lv_full_text.rpartition("subdivision: CN-XJ")
    text = (head + "subdivision: US-CA" + tail).replace("country: CN\n", "country: cn\n", 1)
    codes = sorted(p.code for p in lv_check(text))
    assert codes == ["invalid-country", "subdivision-country-mismatch"], codes


@pytest.mark.parametrize("broken", ["suppliers:\n  - just a string\n", "due_diligence: 5\n", "risks: [[1], {}]\n",
                                    "company: [x]\n", "disclosure: {}\n"])
def test_semantic_checks_survive_any_shape_the_schema_rejects(broken: str, lv_full_text: str, lv_check) -> None:
    key = broken.split(":")[0]
    start = lv_full_text.index(f"\n{key}:") + 1
    end = next((i + 1 for i in range(start + len(key) + 1, len(lv_full_text)) if lv_full_text[i] == "\n"
                and i + 1 < len(lv_full_text) and lv_full_text[i + 1] not in " -#\n"), len(lv_full_text))
    problems = lv_check(lv_full_text[:start] + broken + lv_full_text[end:])
    assert problems and all(p.line >= 1 for p in problems)


def test_same_mistake_in_many_rows_shares_a_kind(lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("relationship: supplier", "relationship: vendor")
    problems = lv_check(text)
    assert [p.code for p in problems] == ["not-allowed-value"] * 2
    assert problems[0].kind == problems[1].kind


def test_different_unknown_keys_are_different_kinds(lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("    products:", "    product:").replace("    workers:", "    worker:")
    problems = lv_check(text)
    assert [p.code for p in problems] == ["unknown-field"] * 2
    assert problems[0].kind != problems[1].kind


def test_only_a_short_text_gets_a_suggestion(lv_full_text: str, lv_check) -> None:
    # Suggestions compare texts; a list or a very long text (which could be the size of the
    # file through an alias) is not compared at all.
    for value in ("[distributor]", "{distributor: 1}", "distributo" + "r" * 200):
        problems = lv_check(lv_full_text.replace("relationship: distributor", f"relationship: {value}"))
        assert [p.code for p in problems] == ["not-allowed-value"]
        assert "did you mean" not in problems[0].message


def test_a_list_where_a_value_belongs_is_named_not_dumped(lv_full_text: str, lv_check) -> None:
    problems = lv_check(lv_full_text.replace("relationship: distributor", "relationship: [a, b]"))
    assert problems[0].message.startswith("a list is not an allowed value for relationship.")


def test_problems_per_file_are_bounded(lv_check) -> None:
    rows = "".join(f"  - {{id: s{i}, name: S, country: CN, relationship: vendor}}\n" for i in range(1200))
    text = ('schema_version: "1.0"\ncompany: {id: many, name: M}\n'
            "disclosure: {period: {start: 2024, end: 2024}, published: 2025-01-01}\nsuppliers:\n" + rows)
    problems = lv_check(text, name="many")
    assert len(problems) == 1001
    assert [p.code for p in problems[:-1]] == ["not-allowed-value"] * 1000
    assert (problems[-1].code, problems[-1].line) == ("too-many-problems", 1)
    assert "stopped after 1,000 problems" in problems[-1].message


@pytest.mark.parametrize(("old", "new", "words"), [
    ("id: kashgar-cotton", "id: Kashgar Cotton Co.", "Write it as 'kashgar-cotton-co'."),
    ("id: kashgar-cotton", "id: 'Ürümqi_Ltd'", "Write it as 'urumqi-ltd'."),
    ("website: https://full-example.example", "website: www.full-example.example/about",
     "Write it as 'https://www.full-example.example/about'."),
    ("website: https://full-example.example", "website: full-example.example", "'https://full-example.example'"),
])
def test_invalid_id_or_url_suggests_a_fix(old: str, new: str, words: str, lv_full_text: str, lv_check) -> None:
    (_, _, _, message) = one(lv_check(lv_full_text.replace(old, new, 1)))
    assert words in message


@pytest.mark.parametrize(("old", "value"), [
    ("website: https://full-example.example", "javascript:alert(1)"),
    ("website: https://full-example.example", "'/relative/path'"),
    ("website: https://full-example.example", "'not a url at all'"),
    ("id: kashgar-cotton", "乌鲁木齐"),
    ("id: kashgar-cotton", "'---'"),
])
def test_no_suggestion_when_unsure(old: str, value: str, lv_full_text: str, lv_check) -> None:
    key = old.split(":")[0]
    (_, _, _, message) = one(lv_check(lv_full_text.replace(old, f"{key}: {value}", 1)))
    assert "Write it as" not in message


def test_a_very_long_unknown_key_is_shortened_in_the_message(lv_full_text: str, lv_check) -> None:
    key = "k" * 10_000  # an explicit key (?): libyaml allows 1,024 characters for a plain one
    (_, _, code, message) = one(lv_check(lv_full_text.replace("  legal_name: Full Example Systems Ltd\n",
                                                              f"  ? {key}\n  : x\n")))
    assert code == "unknown-field"
    assert len(message) < 400


def test_one_mapping_with_thousands_of_unknown_keys_is_summed_up(lv_check) -> None:
    text = 'schema_version: "1.0"\n' + "".join(f"k{i}: 1\n" for i in range(5000))
    problems = lv_check(text)
    assert sorted(p.code for p in problems) == ["missing-field"] * 2 + ["unknown-field"] * 101
    assert [p.line for p in problems if p.code == "unknown-field"][:101] == list(range(2, 102)) + [1]
    last = next(p for p in problems if "more fields" in p.message)
    assert last.message.startswith("4,900 more fields in the file are not allowed either.")


def test_quote_hint_repeats_the_value_as_written_not_as_read(tmp_path):
    from generator.check.schema import schema_problems
    from generator.load.loader import load_text

    text = ('schema_version: "1.0"\ncompany: {id: t, name: T, identifiers: {duns: 012345678, '
            'uscc: 91650100135552E185}}\ndisclosure: {period: {start: 2024, end: 2024}, published: 2025}\n')
    messages = [p.message for p in schema_problems(load_text(text, "t.yaml"))]
    assert any('put it in quotes: "012345678"' in m for m in messages), messages
    assert any('put it in quotes: "91650100135552E185"' in m for m in messages), messages


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from([0.0, 1.0, 1.5, -0.0]) | st.sampled_from("ab"),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("xy"), inner, max_size=2),
    max_leaves=8)


@settings(max_examples=500, deadline=None)
@given(st.lists(json_values, max_size=6))
def test_unique_items_are_told_apart_as_jsonschema_tells_them(items: list[Any]) -> None:
    """In one pass (jsonschema compares every pair of a list it cannot sort: 5,000 texts and numbers took 3.5 s,
    10,000 took 13.4 s), with JSON's equality: 1 and 1.0 one value, true and 1 two."""
    assert unique(items) == jsonschema._utils.uniq(items)


# The patterns before: each rejected a long value in time growing with its square (an e-mail of 20,000
# characters, b.b.b…@, took 0.6 s; a web address of 20,000 with a space at the end 1.1 s; 5 MB, hours).
OLD_PATTERNS = {"email": r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "url": r"^https?://[^\s/?#]+[^\s]*$"}


def _patterns() -> dict[str, str]:
    defs = schema()
    return {"email": defs["properties"]["company"]["properties"]["contact"]["properties"]["email"]["pattern"],
            "url": defs["$defs"]["url"]["pattern"]}


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(["email", "url"]), st.sampled_from(["", "https://", "http://", "a@"]),
       st.text(alphabet="ab.@ /?#\t", max_size=10))
def test_the_patterns_accept_what_they_accepted_in_linear_time(which: str, start: str, rest: str) -> None:
    value = start + rest
    new = _patterns()[which]
    # An e-mail address holds none of the characters that make a mailto link carry more (below), nor a colon
    # before its @ (a 'mailto:' of its own).
    expected = bool(re.search(OLD_PATTERNS[which], value)) and not (which == "email" and set(value) & set(MAILTO)) \
        and not (which == "url" and "@" in _host_part(value)) and not (which == "email" and ":" in value.split("@")[0])
    assert bool(re.search(new, value)) == expected
    assert jsonschema_rs.validator_for({"type": "string", "pattern": new}).is_valid(value) == expected



MAILTO = "?%,;&#"


def _host_part(url: str) -> str:
    """What comes between :// and the first /, ? or #: a user name and @ there hide the host a link goes to."""
    return re.split(r"[/?#]", url.partition("://")[2], maxsplit=1)[0]


@pytest.mark.parametrize("url", ["https://www.business-humanrights.org@evil.example/report",
                                 "https://www.un.org%2Fen@evil.example/", "http://user:pass@host.example"])
def test_a_web_address_cannot_hide_its_host_behind_a_user_name(url: str, lv_full_text: str, lv_check) -> None:
    """The page shows the address as its link text: a reader sees the trusted name, the link goes after the @."""
    text = lv_full_text.replace("website: https://full-example.example", f"website: '{url}'")
    assert text != lv_full_text
    problems = [p for p in lv_check(text) if p.is_error]
    assert [(p.code, p.pointer) for p in problems] == [("invalid-url", "/company/website")], problems
    assert "no user name" in problems[0].message


@pytest.mark.parametrize("url", ["https://example.org/people/@handle", "https://example.org/?mail=a@b.example",
                                 "https://example.org#@x", "http://example.org:8080/a"])
def test_an_at_sign_after_the_host_stays_valid(url: str, lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("website: https://full-example.example", f"website: '{url}'")
    assert not [p for p in lv_check(text) if p.is_error]


@pytest.mark.parametrize("email", ["rights@acme.example?bcc=spy%40evil.example&body=Sent",
                                   "rights@acme.example,spy%40evil.example", "rights@acme.example;x%40evil.example",
                                   "rights@acme.example#x", "a%40evil.example@acme.example"])
def test_a_contact_address_cannot_write_a_mailto_link_of_its_own(email: str, lv_full_text: str, lv_check) -> None:
    """A reader who writes to the firm's human-rights contact must write to that address alone: the site links
    the address as mailto:, where '?bcc=' adds a hidden recipient and a comma or '%40' a second one."""
    text = lv_full_text.replace("email: rights@full-example.example", f"email: '{email}'")
    problems = [p for p in lv_check(text) if p.is_error]
    assert [(p.code, p.pointer) for p in problems] == [("invalid", "/company/contact/email")], problems
    assert "one address" in problems[0].message


@pytest.mark.parametrize("written", ["mailto:rights@full-example.example", "MAILTO:rights@full-example.example"])
def test_a_contact_address_written_as_a_mailto_link_is_told_to_lose_it(written: str, lv_full_text: str,
                                                                       lv_check) -> None:
    """'email: mailto:rights@…' validated, and the page linked mailto:mailto:rights@…, which no mail program opens."""
    text = lv_full_text.replace("email: rights@full-example.example", f"email: {written}")
    assert text != lv_full_text
    _, _, code, message = one(lv_check(text))
    assert code == "invalid" and message.endswith("Write the address alone: 'email: rights@full-example.example'.")
    assert lv_check(text.replace(f"email: {written}", "email: rights@full-example.example")) == []


@pytest.mark.parametrize("email", ["first.last+rights@acme.example", "o'brien@sub.acme.example", "x_y-z@acme.co.uk"])
def test_plain_contact_addresses_stay_valid(email: str, lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("email: rights@full-example.example", f'email: "{email}"')
    assert not [p for p in lv_check(text) if p.is_error]


def test_the_identifier_schemes_named_once_are_the_schemas_own() -> None:
    """Tables, watchlists and messages take the schemes from model.IDENTIFIER_SCHEMES: a scheme the schema
    gains must be named there too, in the order the tables show them."""
    from generator.model import IDENTIFIER_SCHEMES

    assert tuple(schema()["$defs"]["identifiers"]["properties"]) == IDENTIFIER_SCHEMES

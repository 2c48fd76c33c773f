"""Lists of mills and smelters as they are published: no street address, a list's own identifier,
coordinates written every way, and rows of data that never pass for a second heading row."""

from __future__ import annotations

import pytest

from generator.authoring.sheets import Row
from generator.authoring.tables import best_headings, looks_like_data

RMI = ["Metal", "Smelter Look-up", "Smelter Name", "Smelter Facility Location: Country", "Smelter Identification",
       "Source of Smelter Identification Number", "Smelter Street", "Smelter City",
       "Smelter Facility Location: State / Province", "Smelter Contact Name", "Smelter Contact Email"]


def _rows(*cells: list[str]) -> list[Row]:
    return [Row(i + 1, tuple(c)) for i, c in enumerate(cells)]


@pytest.mark.parametrize("table", [
    # RMI's template: "Smelter Contact Name" under the row above reads as a contact column regrouped
    [RMI, ["Cobalt", "Example Cobalt Refinery Co., Ltd.", "Example Cobalt Refinery Co., Ltd.", "CHINA", "CID000123",
           "RMI", "", "Ganzhou", "Jiangxi", "", ""]],
    [["Metal", "Smelter Name", "Smelter Facility Location: State / Province", "Smelter City", "Country"],
     ["Cobalt", "Example Cobalt Refinery Co. Ltd.", "Jiangxi", "Ganzhou", "China"]],
    # a Chinese name under "Factory Name" reads "Factory Name" once its characters are set aside
    [["Factory Name", "Address", "Country", "Province"], ["示例纺织有限公司", "工业园区1号", "中国", "江苏省"]],
    [["Factory Name", "Address", "Country", "Province"], ["示例新能源", "工业园区", "中国", "内蒙古自治区"]],
    [["Mill Name", "Parent Company", "Province", "Latitude", "Longitude", "UML ID"],
     ["Contoh Tiga POM", "PT Contoh Tiga", "Jambi", "-1.6101", "103.6131", "PO1000000011"]],
])
def test_a_row_of_data_is_never_read_as_a_second_heading_row(table: list[list[str]]) -> None:
    rows = _rows(*table, table[1])
    found = best_headings(rows, {})
    assert found is None or (found.row.number, found.rows_used) == (1, 1)


@pytest.mark.parametrize("cells", [
    ["Cobalt", "PT Sample Timah", "Bangka Belitung"], ["示例纺织二厂", "工业园区2号", "China", "Jiangsu"],
    ["Contoh Tiga POM", "Jambi", "-1.6101", "103.6131"], ["A Mill", "Riau", "0°30'44\"N"], ["Mill", "CID000123"],
])
def test_data_shows_itself_by_its_values(cells: list[str]) -> None:
    assert looks_like_data(cells, {})


@pytest.mark.parametrize("cells", [
    ["Workers", "", ""], ["Factory Name", "Country / Region", "Nike Inc. Brand(s)", "2023", "2024"],
    ["Total", "% Female", "% Migrant"], ["Name", "Email", "Phone"], ["ID", "Name of Site", "Tier 1 - Finished Goods"],
])
def test_headings_and_group_headings_are_not_data(cells: list[str]) -> None:
    assert not looks_like_data(cells, {})

"""Where a country lies, roughly, to check a site's point against its country: the box around each country's
outline on the site's map (`site/geo/boundaries.json`, Natural Earth), widened by two degrees for the islands and
coasts that simplification drops; boxes written here where the map's cannot serve, for countries across the
180th meridian (a box whose west is east of its east wraps round it). And the points geocoders give for a whole
country when they cannot find an address (data, not code). Boxes are written here too where the map drops a
country's far islands (the Azores, Easter Island)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_MAP = Path(__file__).parents[1] / "site" / "geo" / "boundaries.json"
MARGIN = 2.0   # degrees around a box: a simplified outline drops small islands (Kinmen, Rhodes, Lampedusa,
#                Batanes, Ulleungdo lie 1 to 2 degrees beyond it) and cuts coasts

# (west, south, east, north) in degrees; west > east: the box crosses the 180th meridian.
WRITTEN: dict[str, tuple[float, float, float, float]] = {
    "RU": (19.6, 41.1, -169.0, 81.9),     # Kaliningrad to Chukotka
    "US": (172.4, 18.9, -66.9, 71.4),     # the Aleutians (Attu) to Maine, Hawaii to Alaska's north
    "NZ": (165.8, -52.7, -175.8, -29.2),  # the Campbell and Kermadec Islands, the Chathams
    "FJ": (176.8, -21.1, -178.2, -12.4),  # Rotuma to the Lau group
    "KI": (168.9, -11.5, -150.2, 4.8),    # Banaba to the Line Islands
    "AU": (112.9, -55.1, 159.1, -9.1),    # Lord Howe and Macquarie Islands
    "BR": (-74.0, -33.8, -28.8, 5.3),     # Fernando de Noronha, Trindade
    "CL": (-109.5, -56.0, -66.4, -17.5),  # Easter Island
    "CO": (-81.8, -4.3, -66.8, 13.4),     # San Andrés and Providencia
    "MU": (56.5, -20.6, 63.6, -10.3),     # Rodrigues, Agaléga
    "PT": (-31.3, 30.0, -6.2, 42.2),      # the Azores, Madeira
    "GR": (19.3, 34.8, 29.7, 41.8),       # Kastellorizo
    "GQ": (5.5, -1.5, 11.4, 3.8),         # Annobón
}

# Country centres as geocoders return them for an address they could not place, as lists copy them, to four
# decimals (latitude, longitude): a point here is the country's, not the site's.
CENTRES: dict[str, tuple[float, float]] = {
    "AR": (-38.4161, -63.6167), "AU": (-25.2744, 133.7751), "BD": (23.685, 90.3563), "BG": (42.7339, 25.4858),
    "BR": (-14.235, -51.9253), "CA": (56.1304, -106.3468), "CL": (-35.6751, -71.543), "CN": (35.8617, 104.1954),
    "CO": (4.5709, -74.2973), "DE": (51.1657, 10.4515), "DO": (18.7357, -70.1627), "EG": (26.8206, 30.8025),
    "ES": (40.4637, -3.7492), "ET": (9.145, 40.4897), "FR": (46.2276, 2.2137), "GB": (55.3781, -3.436),
    "GT": (15.7835, -90.2308), "HK": (22.3964, 114.1095), "HN": (15.2, -86.2419), "ID": (-0.7893, 113.9213),
    "IN": (20.5937, 78.9629), "IT": (41.8719, 12.5674), "JO": (30.5852, 36.2384), "JP": (36.2048, 138.2529),
    "KE": (-0.0236, 37.9062), "KH": (12.5657, 104.991), "KR": (35.9078, 127.7669), "LA": (19.8563, 102.4955),
    "LK": (7.8731, 80.7718), "MA": (31.7917, -7.0926), "MG": (-18.7669, 46.8691), "MM": (21.914, 95.9562),
    "MX": (23.6345, -102.5528), "MY": (4.2105, 101.9758), "NI": (12.8654, -85.2072), "PE": (-9.19, -75.0152),
    "PH": (12.8797, 121.774), "PK": (30.3753, 69.3451), "PL": (51.9194, 19.1451), "PT": (39.3999, -8.2245),
    "RO": (45.9432, 24.9668), "RU": (61.524, 105.3188), "SV": (13.7942, -88.8965), "TH": (15.87, 100.9925),
    "TN": (33.8869, 9.5375), "TR": (38.9637, 35.2433), "TW": (23.6978, 120.9605), "UA": (48.3794, 31.1656),
    "US": (37.0902, -95.7129), "VN": (14.0583, 108.2772), "ZA": (-30.5595, 22.9375),
}


@cache
def boxes() -> dict[str, tuple[float, float, float, float]]:
    """Each country's box: the one written here, else the map's where it does not cross the 180th meridian."""
    found: dict[str, tuple[float, float, float, float]] = {}
    data = json.loads(_MAP.read_text(encoding="utf-8"))
    per, top = data["units_per_degree"], data["top"]
    for code, _, (x0, y0, x1, y1), _ in data["shapes"]:
        west, east = x0 / per - 180, x1 / per - 180
        if len(code) == 2 and west >= -180 and east <= 180 and east - west <= 180:
            found[code] = (west, top - y1 / per, east, top - y0 / per)
    return {**found, **WRITTEN}


def outside(country: str, lat: float, lon: float) -> bool:
    """Whether the point lies outside the country's box, widened by MARGIN; False for a country without one."""
    box = boxes().get(country)
    if box is None:
        return False
    west, south, east, north = box
    if not south - MARGIN <= lat <= north + MARGIN:
        return True
    west, east = west - MARGIN, east + MARGIN
    return not (west <= lon <= east if west <= east else lon >= west or lon <= east)


def centre(country: str, lat: float, lon: float) -> bool:
    """Whether the point is the country's centre as geocoders give it, to four decimals."""
    return CENTRES.get(country) == (round(lat, 4), round(lon, 4))

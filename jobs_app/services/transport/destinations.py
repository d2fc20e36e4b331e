"""Where far placements go: the destination cities' approximate coordinates.

Coordinates are city centres to two decimals, estimates for planning only (marked
approximate); a line's own coordinates win. Travel hours are left to the planner to estimate
from the road distance unless a line gives them.
"""

from __future__ import annotations

from collections.abc import Iterable

from jobs_app.models import TransportLine
from jobs_app.places import CHONGQING
from matching.transport.planner import Destination

# (city, province) → (lat, lon), all approximate.
KNOWN_DESTINATIONS: dict[tuple[str, str], tuple[float, float]] = {
    ("济宁市", "山东省"): (35.41, 116.59),
    ("广州市", "广东省"): (23.13, 113.26),
    ("东莞市", "广东省"): (23.02, 113.75),
    ("深圳市", "广东省"): (22.54, 114.06),
    ("泉州市", "福建省"): (24.87, 118.68),
    ("厦门市", "福建省"): (24.48, 118.09),
    ("宁波市", "浙江省"): (29.87, 121.54),
    ("杭州市", "浙江省"): (30.27, 120.16),
    ("上海市", "上海市"): (31.23, 121.47),
    ("昆明市", "云南省"): (25.04, 102.71),
    ("柳州市", "广西壮族自治区"): (24.33, 109.41),
    ("南宁市", "广西壮族自治区"): (22.82, 108.37),
    ("渝北区", CHONGQING): (29.72, 106.63),
    ("涪陵区", CHONGQING): (29.70, 107.39),
    ("渝中区", CHONGQING): (29.56, 106.57),
    ("江北区", CHONGQING): (29.61, 106.57),
    ("沙坪坝区", CHONGQING): (29.54, 106.46),
    ("九龙坡区", CHONGQING): (29.50, 106.51),
    ("南岸区", CHONGQING): (29.52, 106.56),
    ("巴南区", CHONGQING): (29.40, 106.54),
    ("北碚区", CHONGQING): (29.81, 106.40),
    ("长寿区", CHONGQING): (29.86, 107.08),
    ("开州区", CHONGQING): (31.16, 108.39),
    ("梁平区", CHONGQING): (30.67, 107.80),
    ("忠县", CHONGQING): (30.30, 108.04),
    ("云阳县", CHONGQING): (30.93, 108.70),
}


def canonical_city(city: str) -> str:
    """A destination city as openings store it: ``广州`` → ``广州市`` when that is known."""
    city = city.strip()
    known = {name for name, _ in KNOWN_DESTINATIONS}
    if city not in known and f"{city}市" in known:
        return f"{city}市"
    return city


def destinations(lines: Iterable[TransportLine]) -> list[Destination]:
    """Every destination the planner may route to: the known cities, then the lines."""
    places = {
        key: Destination(key[0], key[1], lat, lon) for key, (lat, lon) in KNOWN_DESTINATIONS.items()
    }
    for line in lines:
        key = (line.destination_city, line.destination_province)
        places[key] = Destination(*key, line.destination_lat, line.destination_lon,
                                  line.travel_hours)  # fmt: skip
    return list(places.values())

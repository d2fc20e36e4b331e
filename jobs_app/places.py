"""Provinces of the mainland and the district's own place names."""

from __future__ import annotations

CHONGQING = "重庆市"
DISTRICT_CITY = "万州区"

PROVINCES = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省",
    "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省",
    "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省",
    "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
    "台湾省", "香港特别行政区", "澳门特别行政区",
)  # fmt: skip

# Short names a clerk types ("山东", "广西") mapped to the full name.
_SHORT = {"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区",
          "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区", "香港": "香港特别行政区",
          "澳门": "澳门特别行政区"}  # fmt: skip


def canonical_province(name: str) -> str | None:
    """The full province name for a full or short spelling, or None when unknown."""
    name = name.strip()
    if name in PROVINCES:
        return name
    if name in _SHORT:
        return _SHORT[name]
    for full in PROVINCES:
        if full.startswith(name) and len(name) >= 2:
            return full
    return None

"""What can be wrong with a ledger row, said in Chinese (the default) and English."""

from __future__ import annotations

from dataclasses import dataclass, field

# key: (Chinese, English); placeholders are filled from the problem's details.
MESSAGES = {
    "no_header": (
        "前 {rows} 行中找不到同时含“姓名”和“身份证号”的表头行",
        "No header row naming both 姓名 and 身份证号 in the first {rows} rows",
    ),
    "missing_column": ("缺少必需的列", "A required column is missing"),
    "duplicate_column": ("与第 {other} 列重复", "Repeats column {other}"),
    "required": ("此项必填", "Required"),
    "id_as_number": (
        "身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为文本后重新录入",
        "Excel stored the ID number as a number and lost its last digits; "
        "set the column to text and type it again",
    ),
    "id_read_as_text": (
        "身份证号被 Excel 存成了数字，已按文本读取；请把该列设为文本",
        "Excel stored the ID number as a number; it was read as text — set the column to text",
    ),
    "id_length": ("身份证号应为 18 位", "ID number must have 18 characters"),
    "id_characters": (
        "身份证号只能由数字和末位 X 组成",
        "ID number may contain only digits and a final X",
    ),
    "id_check": ("身份证号校验位错误", "The ID number's check character is wrong"),
    "id_birth": ("身份证号中的出生日期无效", "Birth date in the ID number is not a real date"),
    "too_young": ("劳动力须年满 16 周岁", "Workers must be at least 16 years old"),
    "duplicate_id": (
        "身份证号与第 {other} 行重复",
        "The ID number repeats row {other}",
    ),
    "sex_mismatch": (
        "性别“{value}”与身份证号（{expected}）不符",
        "Sex “{value}” disagrees with the ID number ({expected})",
    ),
    "birth_mismatch": (
        "出生日期 {value} 与身份证号（{expected}）不符",
        "Birth date {value} disagrees with the ID number ({expected})",
    ),
    "age_mismatch": (
        "年龄 {value} 与身份证号（{expected} 岁）不符",
        "Age {value} disagrees with the ID number ({expected})",
    ),
    "bad_date": (
        "“{value}”不是有效的日期（如 2020-06-09）",
        "“{value}” is not a date (2020-06-09)",
    ),
    "bad_number": ("“{value}”不是有效的整数", "“{value}” is not a whole number"),
    "negative": ("不能为负数", "Must not be negative"),
    "bad_phone": (
        "“{value}”不是有效的手机号码（11 位，以 13–19 开头）",
        "“{value}” is not a mainland mobile number",
    ),
    "unknown_township": (
        "“{value}”不是本区的镇乡（街道）名称或代码",
        "“{value}” is not a township name or code of the district",
    ),
    "not_one_of": ("“{value}”应为：{allowed}", "“{value}” must be one of: {allowed}"),
    "too_long": ("不能超过 {limit} 个字", "Longer than {limit} characters"),
    "placed": (
        "该劳动力有在岗记录，就业状态须通过离岗登记变更",
        "The worker holds an active placement; record the departure to change the status",
    ),
}


@dataclass(frozen=True)
class RowProblem:
    """One problem of one row: the row number as Excel shows it and the column's header."""

    row: int
    column: str
    key: str
    details: dict[str, object] = field(default_factory=dict)

    def text(self, language: str = "zh") -> str:
        chinese, english = MESSAGES[self.key]
        return (english if language == "en" else chinese).format(**self.details)

    def as_dict(self, language: str = "zh") -> dict[str, object]:
        return {"row": self.row, "column": self.column, "problem": self.text(language)}


class BadValue(ValueError):
    """Raised by a cell parser; the row parser adds the row and column."""

    def __init__(self, key: str, **details: object):
        super().__init__(key)
        self.key = key
        self.details = details

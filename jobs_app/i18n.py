"""Messages for API errors in Chinese (default) and English.

Messages are written in English in the code and used as keys here, gettext-style; the
UI's templates will use Flask-Babel catalogues, but API errors need only this small table,
which also covers marshmallow's and webargs' built-in English messages.
"""

from __future__ import annotations

import re
from typing import Any

from flask import has_request_context, request

LANGUAGES = ("zh", "en")

ZH = {
    # Generic
    "Not found.": "未找到",
    "Your role may not do this.": "当前角色无权执行此操作",
    "This conflicts with the current state.": "与当前状态冲突",
    "The request cannot be carried out.": "无法执行该请求",
    "The request cannot be read.": "无法读取请求内容",
    "Some fields are not valid.": "部分字段填写有误",
    "Login required.": "请先登录",
    "Wrong username or password.": "用户名或密码错误",
    "Too many login attempts; wait a minute and try again.": "登录尝试过于频繁，请稍后再试",
    "The CSRF token is missing.": "缺少 CSRF 令牌",
    "The CSRF token is invalid.": "CSRF 令牌无效",
    "The database is unavailable; try again shortly.": "数据库暂时不可用，请稍后重试",
    "The database is busy; try again shortly.": "数据库繁忙，请稍后重试",
    # Identity
    "ID number must have 18 characters.": "身份证号应为 18 位",
    "ID number may contain only digits and a final X.": "身份证号只能由数字和末位 X 组成",
    "Check character is wrong.": "校验位错误",
    "Birth date in the ID number is not a real date.": "身份证号中的出生日期无效",
    "Workers must be at least 16 years old.": "劳动力须年满 16 周岁",
    "A worker with this ID number is already registered.": "该身份证号已登记",
    "Not a valid mainland mobile number.": "不是有效的手机号码（11 位，以 13–19 开头）",
    # Registry rules
    "Unknown township code.": "镇乡（街道）代码不存在",
    "Unknown province.": "省份名称无效",
    "Unknown household.": "户不存在",
    "Unknown employer.": "用人单位不存在",
    "Unknown worker.": "劳动力不存在",
    "Unknown opening.": "岗位不存在",
    "Minimum must not exceed maximum.": "最小值不能大于最大值",
    "Must not be negative.": "不能为负数",
    "A local employer or opening needs a township.": "区内单位或岗位须填写镇乡（街道）",
    "A township is only given for places in Wanzhou.": "仅万州区内的单位或岗位可填写镇乡（街道）",
    "The household belongs to another township.": "该户属于其他镇乡（街道）",
    "A reason is required for not seeking work.": "无就业意愿须填写原因",
    "Headcount cannot be below the workers already hired.": "招聘人数不能少于已上岗人数",
    "The opening has no free headcount.": "该岗位已招满",
    "The worker already holds an active placement.": "该劳动力已有在岗记录",
    "The referral is not in a state that allows this.": "该推荐记录当前状态不允许此操作",
    "The worker is already referred to this opening.": "该劳动力已推荐至此岗位",
    "The opening is not open.": "该岗位未在招聘",
    "The worker is not seeking work.": "该劳动力当前不在求职状态",
    "Workers without labor ability are not referred.": "无劳动能力者不予推荐",
    "The worker's age is outside the opening's range.": "劳动力年龄不在岗位要求范围内",
    "The worker wants work near home only.": "该劳动力只愿就近就业",
    "The worker wants work in Chongqing only.": "该劳动力只愿在重庆市内就业",
    "The opening is not in a province the worker named.": "岗位不在该劳动力意向省份",
    "The opening pays less than the worker's minimum wage.": "岗位工资低于该劳动力期望最低工资",
    "A date cannot be before the referral.": "日期不能早于推荐日期",
    "A visit needs a hired or departed placement.": "回访仅适用于已上岗或已离岗的记录",
    "A desk user needs a township.": "乡镇用户须指定镇乡（街道）",
    "An employer user needs an employer.": "用人单位用户须指定单位",
    "The username is taken.": "用户名已存在",
    "Password must have at least 10 characters.": "密码至少 10 位",
    "The expiry must lie in the future.": "失效时间须晚于当前时间",
    "A month is written YYYY-MM.": "月份格式应为 YYYY-MM（如 2020-06）",
    "A month that has not begun cannot be recounted.": "尚未开始的月份不能排查",
    "Unknown subsidy rule.": "补贴规则不存在",
    "The rule does not cover this placement.": "该就业记录不符合此补贴规则",
    "This subsidy has already been decided.": "该补贴已处理",
    "The window ends before it starts.": "结束日期早于开始日期",
    "The trips cannot be planned within the rules.": "按现行规则无法编排车次",
    "The trip is not in a state that allows this.": "该车次当前状态不允许此操作",
    "The worker is not a passenger of this trip.": "该劳动力不在此车次乘客名单中",
    "The passenger has already been checked in.": "该乘客已登记乘车情况",
    "The passenger does not fit on this trip.": "该车次无法再安排此乘客",
    "The placement does not need transport.": "该就业记录无需安排专车",
    "The worker already has a seat on a trip.": "该劳动力已安排车次",
    "Unknown referral.": "推荐记录不存在",
    "Another plan changed these trips; plan again.": "车次已被另一次编排更改，请重新编排",
    "The allocation run has not finished.": "批量分配尚未完成",
    "The worker was referred or placed after the run started.": "分配开始后该劳动力已被推荐或上岗",
    "There are not yet enough known outcomes to train on.": "已知结果的推荐记录不足，暂不能训练",
    "The file is not an .xlsx workbook.": "文件不是 .xlsx 格式的 Excel 工作簿",
    "A number is out of range.": "数值超出范围",
    # marshmallow and webargs
    "Missing data for required field.": "此项必填",
    "Field may not be null.": "此项不能为空",
    "Not a valid string.": "不是有效的文本",
    "Not a valid integer.": "不是有效的整数",
    "Not a valid number.": "不是有效的数字",
    "Not a valid boolean.": "不是有效的是/否值",
    "Not a valid date.": "不是有效的日期（格式 2020-06-09）",
    "Not a valid datetime.": "不是有效的时间",
    "Not a valid list.": "不是有效的列表",
    "Invalid input type.": "输入类型无效",
    "Unknown field.": "未知字段",
    "Invalid value.": "取值无效",
    "Shorter than minimum length 1.": "不能为空",
}

# marshmallow messages that carry a value: a pattern and the Chinese template.
ZH_PATTERNS = [
    (re.compile(r"^Must be one of: (.*)\.$"), "须为以下之一：{0}"),
    (
        re.compile(r"^Must be greater than or equal to (\S+) and less than or equal to (\S+)\.$"),
        "须在 {0} 到 {1} 之间",
    ),
    (re.compile(r"^Must be greater than or equal to (\S+)\.$"), "须大于或等于 {0}"),
    (re.compile(r"^Must be less than or equal to (\S+)\.$"), "须小于或等于 {0}"),
    (re.compile(r"^Longer than maximum length (\d+)\.$"), "长度不能超过 {0}"),
    (re.compile(r"^Length must be between (\d+) and (\d+)\.$"), "长度须在 {0} 到 {1} 之间"),
]


def request_language() -> str:
    """``en`` when the request asks for English, else Chinese."""
    if not has_request_context():
        return "zh"
    return request.accept_languages.best_match(LANGUAGES, default="zh") or "zh"


def translate(message: str, language: str) -> str:
    if language == "en":
        return message
    if message in ZH:
        return ZH[message]
    for pattern, template in ZH_PATTERNS:
        found = pattern.match(message)
        if found:
            return template.format(*found.groups())
    return message


def translate_errors(errors: Any, language: str) -> Any:
    """Translate every message in a (possibly nested) marshmallow error structure."""
    if isinstance(errors, dict):
        return {key: translate_errors(value, language) for key, value in errors.items()}
    if isinstance(errors, list):
        return [translate_errors(item, language) for item in errors]
    if isinstance(errors, str):
        return translate(errors, language)
    return errors

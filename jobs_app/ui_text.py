"""The web pages' words in Chinese (default) and English, and how they show dates and money.

Templates write English msgids, ``{{ _("Workers") }}``, gettext-style; ``ZH`` gives the Chinese.
The language is the user's choice, kept in the session; there is no Accept-Language guessing
on pages, because the district's machines are set up in English as often as not.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask, has_request_context, session

from jobs_app.i18n import translate
from jobs_app.identity import mask_id_number, mask_phone

LANGUAGES = {"zh": "中文", "en": "English"}
HTML_LANG = {"zh": "zh-CN", "en": "en"}

ZH = {
    # Layout and login
    "Labor matching service": "劳务对接与转移就业服务",
    "Wanzhou District HR and Social Security Bureau": "万州区人力资源和社会保障局",
    "Skip to content": "跳到正文",
    "Main navigation": "主导航",
    "Language": "语言",
    "Log in": "登录",
    "Log out": "退出",
    "Username": "用户名",
    "Password": "密码",
    "Wrong username or password.": "用户名或密码错误",
    "Logged in as": "当前用户",
    "Something went wrong": "操作未完成",
    "Back": "返回",
    "Save": "保存",
    "Search": "查询",
    "All": "全部",
    "Print": "打印",
    "None yet.": "暂无记录。",
    "Page": "第",
    "of": "页，共",
    "Previous page": "上一页",
    "Next page": "下一页",
    "Please correct the fields marked below.": "请更正下方标出的字段。",
    "Done.": "已完成。",
    "API documentation": "接口文档",
    "User accounts are managed through the API.": "用户账号通过接口管理。",
    # Roles
    "desk": "乡镇服务窗口",
    "employer": "用人单位",
    "bureau": "区人社局",
    "admin": "系统管理员",
    # Desk
    "Workers": "劳动力",
    "Register a worker": "登记劳动力",
    "Zero-clearing list": "清零名单",
    "Name": "姓名",
    "ID number": "身份证号",
    "Phone": "联系电话",
    "Township": "镇乡（街道）",
    "Village": "村（社区）",
    "Category": "户类型",
    "Ability": "劳动能力",
    "Education": "文化程度",
    "Health": "健康状况",
    "Skills": "技能",
    "Separate skills with 、 or spaces.": "多项技能用“、”或空格分隔。",
    "Status": "就业状态",
    "Reason": "原因",
    "Age": "年龄",
    "Sex": "性别",
    "Birth date": "出生日期",
    "Name or ID number": "姓名或身份证号",
    "Workers found": "查询结果",
    "Worker": "劳动力",
    "Details": "基本信息",
    "Household": "户",
    "Helper cadre": "帮扶责任人",
    "Minimum-living allowance": "低保",
    "Extreme hardship": "特困",
    "Yes": "是",
    "No": "否",
    "Wishes": "就业意愿",
    "Where": "地域",
    "Provinces": "意向省份",
    "Minimum wage": "期望最低月薪",
    "Cares for children in school": "照顾上学子女",
    "Cares for the elderly": "照顾老人",
    "Status history": "就业状态变化",
    "Since": "起始日期",
    "Matching openings": "推荐岗位",
    "Opening": "岗位",
    "Employer": "用人单位",
    "Place": "工作地点",
    "Wage": "月薪",
    "Why": "推荐理由",
    "Refer": "推荐",
    "Referred.": "已推荐。",
    "No opening suits this worker now.": "目前没有适合该劳动力的岗位。",
    "Only seeking workers are matched.": "只为求职中的劳动力匹配岗位。",
    "Referrals and placements": "推荐与就业记录",
    "Referred on": "推荐日期",
    "Hired on": "上岗日期",
    "Ended on": "离岗日期",
    "Referral letter": "推荐信",
    "Visits": "回访",
    "Visited on": "回访日期",
    "Still employed": "仍在岗",
    "Month": "月份",
    "Note": "备注",
    "Record a visit": "记录回访",
    "Follow-ups": "跟进记录",
    "Record a follow-up": "记录跟进",
    "Kind": "类型",
    "Done on": "日期",
    "Seeking since": "求职起始",
    "Days seeking": "求职天数",
    "Last follow-up": "最近跟进",
    "No recount has been run yet.": "尚未进行月度排查。",
    "Recount of": "排查月份",
    "Workers still seeking": "仍在求职的劳动力",
    "Open": "查看",
    "ID check": "身份证核验",
    "Type the ID number to check it.": "输入身份证号即可核验。",
    "Unknown": "未知",
    "Household head": "户主",
    "Register": "登记",
    "Registered.": "已登记。",
    "Near home only": "只愿就近就业",
    "Chongqing only": "只在重庆市内",
    "Anywhere": "不限",
    # Referral letter
    "Date": "日期",
    "Contact": "联系人",
    "Start date": "到岗日期",
    # Employer
    "Openings": "岗位",
    "Post an opening": "发布岗位",
    "Edit opening": "修改岗位",
    "Candidates": "推荐人选",
    "Placed workers": "在岗人员",
    "Title": "岗位名称",
    "Description": "岗位说明",
    "Headcount": "招聘人数",
    "Hired": "已上岗",
    "Lowest wage": "最低月薪",
    "Highest wage": "最高月薪",
    "Province": "省份",
    "City": "城市",
    "Township code (Wanzhou only)": "镇乡（街道）（仅万州区内）",
    "Youngest": "最低年龄",
    "Oldest": "最高年龄",
    "Board": "包吃",
    "Lodging": "包住",
    "Social insurance": "缴纳社保",
    "Benefits": "待遇",
    "Edit": "修改",
    "Close": "关闭",
    "Closed.": "已关闭。",
    "Saved.": "已保存。",
    "Hire": "确认上岗",
    "Decline": "不录用",
    "Declined.": "已记录不录用。",
    "Hire recorded.": "已确认上岗。",
    "Report a departure": "报告离岗",
    "Departure recorded.": "已记录离岗。",
    "Left on": "离岗日期",
    # Bureau
    "Dashboard": "工作台",
    "Recount trend": "月度排查趋势",
    "Seeking": "未就业（求职中）",
    "Employed": "已就业",
    "Placements by kind": "按单位类型的就业人数",
    "Placements by province": "按去向省份的就业人数",
    "Townships": "镇乡（街道）情况",
    "Sort by this column": "按此列排序",
    "Workshops below the poor-worker share": "贫困劳动力占比未达标的扶贫车间",
    "Poor workers": "贫困劳动力",
    "Share": "占比",
    "Threshold": "标准",
    "Every workshop meets the threshold.": "所有扶贫车间均达标。",
    "Retention": "稳岗率",
    "Group": "分组",
    "Hires": "上岗人数",
    "Retained": "仍在岗",
    "at 3 months": "3 个月",
    "at 6 months": "6 个月",
    "Subsidies due": "待发补贴",
    "Rule": "补贴项目",
    "Placements": "人数",
    "Amount": "金额",
    "Total": "合计",
    "Transport calendar": "专车日历",
    "Departure": "发车时间",
    "Destination": "目的地",
    "Passengers": "乘客",
    "Manifest": "乘车名单",
    "No trips are planned.": "暂无专车计划。",
    "Exports": "导出台账",
    "Trip planner": "专车编排",
    "From": "起始日期",
    "To": "截止日期",
    "Plan the trips": "编排车次",
    "Trips planned": "已编排车次",
    "Without a seat": "未安排座位",
    "seats": "座",
    "Distance": "行程",
    "Collection tour": "集合点接送路线",
    "Ledger import": "台账导入",
    "Allocation review": "批量分配审核",
    "Run the batch allocation": "运行批量分配",
    "No allocation has been run yet.": "尚未运行批量分配。",
    "Run": "批次",
    "Progress": "进度",
    "Proposals": "建议",
    "Accept": "采纳",
    "Score": "匹配得分",
    "Accept the ticked proposals (none ticked: all)": "采纳勾选的建议（未勾选则全部采纳）",
    "Allocation started.": "批量分配已开始。",
    "Accepted proposals became referrals.": "已采纳的建议已转为推荐。",
    "Worker ledger (.xlsx)": "劳动力台账（.xlsx）",
    "Choose an .xlsx ledger.": "请选择 .xlsx 台账文件。",
    "Import the good rows even if some are bad": "有错误行时仍导入正确的行",
    "Check the ledger (dry run)": "检查台账（试导入）",
    "Dry run report": "试导入结果",
    "Import report": "导入结果",
    "New workers": "新增劳动力",
    "Changed workers": "更新劳动力",
    "Unchanged workers": "未变化劳动力",
    "Bad rows": "错误行",
    "Written": "已写入",
    "Row": "行",
    "Column": "列",
    "Problem": "问题",
    "Import now": "确认导入",
    "Checking the ledger": "正在检查台账",
    "Importing the ledger": "正在导入台账",
    "The report appears here when the run is done.": "本页自动跟踪进度，完成后在此显示结果。",
    "Refresh": "刷新",
    "Rows read": "已读取行数",
    "{read} rows read": "已读取 {read} 行",
    "{read} of {total} rows read ({share})": "已读取 {read} / {total} 行（{share}）",
    "Some rows are bad, so nothing was imported.": "台账有错误行，未导入任何数据。",
    "Download the bad rows (correct them in Excel and upload again)": (
        "下载问题行（在 Excel 中改正后重新上传）"
    ),
    "The first {shown} of {total} problems:": "共 {total} 个问题，以下列出前 {shown} 个：",
    "This ledger cannot be imported now; upload it again.": "该台账现在不能导入，请重新上传。",
    "The run stopped; nothing was written.": "运行已中断，未写入任何数据。",
    "The run failed; nothing was written.": "运行失败，未写入任何数据。",
    "Table of townships": "镇乡（街道）数据表",
    # The audit log
    "Audit log": "审计日志",
    "Filter the audit log": "筛选审计日志",
    "User": "用户",
    "The service itself": "系统自动",
    "Action": "操作",
    "Entries found": "找到的记录",
    "When": "时间",
    "Record": "对象",
    "Entry details": "详情",
    "Created": "新建",
    "Changed": "修改",
    "Read the full ID number": "查看完整身份证号",
    "Referred": "推荐",
    "Left the job": "离岗",
    "Declined": "未录用",
    "Did not show up": "未报到",
    "Imported": "导入",
    "Exported": "导出",
    "Ran the allocation": "运行批量分配",
    "Planned trips": "编排车次",
    "Drafted trips": "草拟车次",
    "Printed the manifest": "打印乘车名单",
    "Released a seat": "释放座位",
    "Referral": "推荐记录",
    "Visit": "走访",
    "User account": "用户账号",
    "Trip": "车次",
    "Ledger": "台账",
    "Allocation run": "批量分配",
    "API token": "接口令牌",
    "The upload has expired; upload the ledger again.": "上传的文件已失效，请重新上传台账。",
    "Workers ledger (Excel)": "劳动力台账（Excel）",
    "Placements ledger (Excel)": "就业台账（Excel）",
    "API": "接口",
    "Recount": "排查",
    "Employed locally": "区县内就业",
    "Employed in Chongqing": "区县外市内就业",
    "Employed out of province": "市外就业",
    "Public-welfare post": "公益性岗位",
    "Self-employed": "自主创业",
    "Bureau-wide figures of the latest recount": "最近一次排查的全区数据",
    "Chart data as a table": "图表数据（表格）",
    # Desk: households, worker edits, referral outcomes
    "Register a household": "登记户",
    "Edit the household": "修改户信息",
    "Village and group, as the household's address.": "村（社区）和组，即户的住址。",
    "Helper's phone": "帮扶责任人电话",
    "The head is the worker ticked as household head.": "户主为勾选“户主”的成员。",
    "Workers of this household": "本户劳动力",
    "Add a worker to this household": "为本户添加劳动力",
    "Adding a worker to the household": "为以下户添加劳动力",
    "A worker registered here gets a new household.": "在此登记的劳动力单独立户。",
    "To join a household, open it and add the worker:": "加入已登记的户请从户页面添加：",
    "Open the household": "查看本户",
    "Edit the worker": "修改劳动力信息",
    "Category, allowances and helper belong to the household.": "户类型、低保和帮扶人属于户信息。",
    "Skills note": "技能说明",
    "Constraints note": "其他困难说明",
    "Required when the worker is not seeking work.": "“暂无就业意愿”时必填。",
    "Outcome of the referral": "推荐结果",
    "Record the hire": "记录上岗",
    "Did not turn up": "未报到",
    "No-show recorded.": "已记录未报到。",
}

# Vocabulary values shown to users: value → (Chinese, English).
LABELS = {
    "registered_poor": ("建档立卡贫困户", "registered poor"),
    "monitored": ("监测户", "monitored"),
    "marginal": ("边缘户", "marginal"),
    "lifted": ("已脱贫户", "lifted"),
    "ordinary": ("普通劳动力", "ordinary"),
    "skilled": ("技能劳动力", "skilled"),
    "weak": ("弱劳动力", "weak"),
    "none": ("无劳动力", "none"),
    "illiterate": ("文盲或半文盲", "illiterate"),
    "primary": ("小学", "primary school"),
    "junior": ("初中", "junior middle school"),
    "senior": ("高中", "senior middle school"),
    "college": ("大专", "college"),
    "bachelor": ("本科及以上", "bachelor or above"),
    "healthy": ("健康", "healthy"),
    "chronic": ("长期慢性病", "chronic illness"),
    "serious": ("患有大病", "serious illness"),
    "disabled": ("残疾", "disabled"),
    "local": ("只愿就近就业", "near home only"),
    "province": ("只在重庆市内", "Chongqing only"),
    "anywhere": ("不限", "anywhere"),
    "seeking": ("未就业", "seeking"),
    "employed_local": ("区县内就业", "employed locally"),
    "employed_province": ("区县外市内就业", "employed in Chongqing"),
    "employed_out": ("市外就业", "employed out of province"),
    "public_post": ("公益性岗位", "public-welfare post"),
    "self_employed": ("自主创业", "self-employed"),
    "not_seeking": ("无就业意愿", "not seeking"),
    "enterprise": ("龙头企业", "enterprise"),
    "workshop": ("扶贫车间", "workshop"),
    "east_west": ("东西部协作", "east-west partner"),
    "open": ("招聘中", "open"),
    "filled": ("已招满", "filled"),
    "closed": ("已关闭", "closed"),
    "referred": ("已推荐", "referred"),
    "hired": ("已上岗", "hired"),
    "declined": ("未录用", "declined"),
    "no_show": ("未报到", "no-show"),
    "left": ("已离岗", "left"),
    "contacted": ("已联系", "contacted"),
    "unreachable": ("联系不上", "unreachable"),
    "no_longer_seeking": ("不再求职", "no longer seeking"),
    "male": ("男", "male"),
    "female": ("女", "female"),
    "planned": ("已编排", "planned"),
    "arrived": ("已到达", "arrived"),
    "confirmed": ("已确认", "confirmed"),
    "cancelled": ("已取消", "cancelled"),
    "departed": ("已发车", "departed"),
    "queued": ("排队中", "queued"),
    "running": ("运行中", "running"),
    "done": ("已完成", "done"),
    "failed": ("失败", "failed"),
    "proposed": ("建议", "proposed"),
    "accepted": ("已采纳", "accepted"),
    "skipped": ("已跳过", "skipped"),
}


def language() -> str:
    """The page language: the user's choice, Chinese unless they switched."""
    if has_request_context() and session.get("lang") in LANGUAGES:
        return session["lang"]
    return "zh"


def gettext(message: str) -> str:
    if language() == "en":
        return message
    return ZH.get(message) or translate(message, "zh")


def label(value: Any) -> str:
    """A vocabulary value (an enum or its string) in the page language."""
    if value is None:
        return ""
    key = getattr(value, "value", value)
    zh, en = LABELS.get(key, (key, key))
    return en if language() == "en" else zh


def format_date(value: date | datetime | None) -> str:
    """Dates as the district writes them: 2020-06-09."""
    return value.strftime("%Y-%m-%d") if value else ""


def format_money(value: int | float | None) -> str:
    """Yuan with thousands separators: ¥4,000."""
    if value is None:
        return ""
    return f"¥{value:,.0f}"


def format_share(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def labelled(vocabulary) -> list[tuple[str, str]]:
    """A vocabulary as ``(value, label)`` choices for a select."""
    return [(getattr(v, "value", v), label(v)) for v in vocabulary]


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(_=gettext, label=label, language=language, LANGUAGES=LANGUAGES,
                                 mask_id=mask_id_number, mask_phone=mask_phone)  # fmt: skip
    app.jinja_env.globals["html_lang"] = lambda: HTML_LANG[language()]
    app.jinja_env.filters.update(date=format_date, money=format_money, share=format_share,
                                 labelled=labelled)  # fmt: skip

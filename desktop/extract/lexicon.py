"""The words of Chinese statistical prose the extractor reads: units, connectors, plan and past markers.

Indicator names and their variants are not here: they are catalog data (the `aliases` column).
"""

from __future__ import annotations

import re

# ---- units written after a figure (NFKC-folded) ----------------------------------------------
# longest first, so "人次" wins over "人" and "个百分点" over "个"
TEXT_UNITS = sorted([
    "个百分点", "百分点", "1/10万", "/10万", "/十万", "/万", "人次", "周岁", "剂次", "平方米", "万元", "亿元",
    "%", "‰", "岁", "人", "名", "位", "张", "床", "个", "家", "所", "处", "座", "辆", "台", "管", "份", "户",
    "例", "分", "元", "年", "月", "日", "天", "次", "剂", "支", "项", "类", "倍", "小时", "分钟", "号", "间",
], key=len, reverse=True)

# classifiers that count the same things; the catalog unit's classifier must share a group with the text's
UNIT_GROUPS = [
    {"人", "名", "位", "人次"},
    {"个", "家", "所", "处", "座", "间"},
    {"张", "床"},
    {"辆", "台"},
    {"管"},
    {"份"},
    {"户"},
    {"例"},
    {"分"},
    {"岁", "周岁"},
]
MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}

# ---- words between an indicator's name and its figure --------------------------------------
# kind: n = neutral ("达到"), t = a change to ("提高到"), d = a change by ("增长"), dn = a change by, downwards ("下降"),
# c = comparison ("同比"), p = plan ("力争"), a = approximate ("约"), f = from ("由")
_GAP_WORDS = {
    "n": "已 已经 已达 共 共计 累计 总计 合计 全年 年末 年底 当年 底 末 达到了 达到 达 为 是 : 有 拥有 "
         "保持在 稳定在 维持在 仍 继续 均 总数 总量 数量 的 了 进一步 全市 全县 全区 "
         "截至目前 目前 现有 实际 上半年 累计达 已完成 完成 建成 设置 配备 开设 备案 建立 覆盖",
    "t": "提高到 提高至 提升到 提升至 上升到 上升至 升至 增加到 增加至 增至 增长到 增长至 下降到 下降至 下降为 降至 "
         "降低到 降低至 减少到 减少至 降到",
    "d": "增长 增加 上升 提高 提升 增幅 增长率 增速 涨幅 增长幅度 幅度",
    "dn": "下降 降低 减少 负增长 降幅 下降幅度 下降了 降低了 减少了",
    "c": "同比 比上年 较上年 比去年 较去年 与上年相比 与去年相比 较 比 环比",
    "p": "控制在 力争达到 力争 争取 确保 目标 要达到 预计 将达到 要 将 计划",
    "a": "约 近 超过 超 逾 突破 不到 将近 接近 大约 近乎 高于 低于 不低于 不少于 不超过 小于 大于 少于 多于",
    "f": "由 从",
}
GAP_WORDS: list[tuple[str, str]] = sorted(
    ((w, kind) for kind, words in _GAP_WORDS.items() for w in words.split()), key=lambda x: -len(x[0]))
YEAR_TOKEN = re.compile(r"((?:19|20)\d\d)年(?:底|末|度)?")
GAP_MAX = 14

# after a figure: the figure is not exact, or is a bound of a target
APPROX_AFTER = re.compile(r"^(?:多|余|以上|以下|左右|上下|以内|之内|强|许|开外)")
APPROX_BEFORE = re.compile(r"(?:(?<![签预制节公合条契])约|近|超|逾|不到|将近|接近|大约|突破|高于|低于|不低于|不少于|不超过|小于|大于|少于|多于|超出)$")

# ---- whether a sentence tells what was done or what is planned ------------------------------
PLAN_MARKERS = re.compile(
    r"力争|争取|争创|力推|确保|预计|预期(?!寿命)|拟|目标(?:值|为|是|任务)|计划(?:到|在|于|年)|规划(?:到|期|目标)|"
    r"下半年|明年|下一年|下一步|今后|未来[一二三四五0-9]|十四五|十五五|"
    r"(?<![高加降升长少低增提减])(?:到|至)(?:19|20)\d\d年(?!底|末|\d)|"
    r"(?:我市|我县|我区|全市|全县|全区|局|委|我们|中心)将|将(?:进一步|继续|深入|全面|加快|持续|紧紧|推进|认真|着力|"
    r"重点|大力|努力|实现|建成|完成|达到|开展|实施|围绕|坚持|通过|聚焦|提升|提高)|"
    r"要(?:进一步|加快|确保|实现|达到|完成)")
# strong signs that a figure is a fact already reached
DONE_MARKERS = re.compile(
    r"已|截至|截止|累计|同比|较上年|比上年|较去年|比去年|上年同期|去年同期|全年共|共完成|建成投用|顺利通过|荣获|获评|"
    r"入选|被命名|目前")
# the indicator concerns more than the region reported on
OTHER_SCOPE = re.compile(r"全国|全省|全球|世界|省内平均|全省平均|全国平均|同级平均|国家平均")

# ---- the place a figure is of --------------------------------------------------------------
# words that name a place by its level, not by its name; which of them are the region's own depends
# on the region's level (全省 is the province's own, another place for a city or a county)
SCOPE_WORDS = {
    "nation": r"全国|我国|中国|国家卫生健康委|国家卫健委|全球|世界",
    "province": r"全省|我省|本省|浙江省|浙江|省内",
    "local": r"全市|全县|全区|我市|我县|我区|本市|本县|本区|市本级|县本级",
}
# the words of a city: in the text of a district or a 县 they name the city above it (a county-level 市 such
# as 瑞安市 calls itself 全市)
CITY_WORDS = r"全市|我市|本市|市本级"
# a place named only to compare with ("高于全省平均水平", "居全国前列", "比全省") sets no scope
SCOPE_COMPARED_BEFORE = re.compile(r"(?:高于|低于|优于|好于|超过|超出|领先|落后于?|比|较|居|列|位居|位列|位于|名列|与|同|和|占|于|在|为)$")
SCOPE_COMPARED_AFTER = re.compile(r"^(?:平均)?(?:水平)?(?:前列|第|首位|首个|首家|领先|同期|前茅|平均水平[的]?\d*(?:个)?百分点)")
# a headline or title that puts a whole text under the nation ("2022年我国卫生健康事业发展统计公报")
NATIONAL_TITLE = re.compile(r"我国|全国|中国|国家卫生健康委|国家卫健委|国务院")

# a year given only as a planning period ("“十三五”期末", "十三五时期"): not any calendar year asked
PERIOD_ONLY = re.compile(r"^(?:在|到|至|截至)?[“\"'‘]?十[一二三四五六七八九]五[”\"'’]?(?:期末|末|时期|期间|以来|初期|初|中期|期)")

# a figure that adds to a stock, not the stock itself (unless the indicator counts additions)
INCREMENT = re.compile(r"新增|新建|新改建|新招|新开设|增设|扩建|改建|新认定|新创成|增配|增派|新配备|新配|新购置|新购|补充")
FLOW_VERBS = ("新建改建", "招聘引进", "新改建", "新增", "新建", "改建", "招聘", "引进", "招引")
# the verbs that make a figure a flow: an indicator that counts additions needs one in its clause
FLOW_WORDS = re.compile(r"新增|新建|改建|新改建|新招|招聘|招录|引进|招引|改造|新开设|增设|新认定")
# a figure for each unit of something ("每个急救单元增配1名护士") is not a total
DISTRIBUTIVE = re.compile(r"(?:平均)?每(?:个|家|所|名|位|支|辆|村|镇|乡|乡镇|街道|社区|院|单元|站|户|人|床)")
# a clause that gives the total after an addition ("新增救护车3辆，总数达到17辆")
TOTAL_WORDS = re.compile(r"(?:全市|全县|全区|全省)?(?:总数|总量|总计|合计|共计|累计|总规模|总共)")

# ---- other wordings of one name (the prose's, derived for every catalog name) ---------------
# the per-population head is written many ways: 每千人口 = 每千常住人口 = 每千人 = 千人
PER_HEADS = (
    ("每千常住人口", "每千户籍人口", "每千人口", "每千人", "千人口", "千人"),
    ("每万常住人口", "每万户籍人口", "每万人口", "每万人", "万人口"),
)
# words of a name that prose swaps for a synonym
SYNONYMS = (("医师", "医生"),)
# a bracket after a name that only says what it includes ("执业医师(含助理)")
INCLUDES = re.compile(r"\((?:含|包括|包含)[^()]{1,8}\)(?:人数|数)?")

# a service counted for a group of people ("60岁以上老人免费流感疫苗接种人数"): prose names the group
# apart ("为60周岁以上老年人接种流感疫苗5.62万人")
GROUP_HEAD = re.compile(r"^(?:\d+(?:周)?岁(?:及)?以上)?(?:老年人|老人)")
GROUP_WORDS = ("老年人", "老人")
SERVICE_VERBS = ("接种", "筛查", "体检")
# a word just before a name that narrows it to a part ("老年人健康体检", "负压救护车", "医院床位")
QUALIFIERS = re.compile(
    r"(?:老年人|老人|儿童|学生|孕产妇|妇女|职工|患者|新生儿|婴幼儿|青少年|残疾人|适龄|高危|重点人群|"
    r"规范化|负压|民营|公立|社会办|私立|中医|专科|医院|卫生院|卫生室|服务中心|基层|乡镇|村级|儿科|妇幼|重症|ICU|"
    r"监护型|转运型)$")
# a word just before a name that makes it another measure ("健康期望寿命" is not 期望寿命)
OTHER_MEASURE_BEFORE = re.compile(r"(?:健康|无残疾|无疾病|残疾调整|伤残调整|质量调整)$")
# a part of the year: figures so marked are not the whole year's ("截至6月底", "上半年", "1-9月")
PERIOD = re.compile(
    r"截[至止](?:(?:19|20)\d\d年)?(?P<m1>\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|份)?|"
    r"(?:(?:19|20)\d\d年)?1[-~至](?P<m2>\d{1,2})月|上半年|一季度|第一季度|前三季度|前三个季度")
_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}


def period_of(text: str) -> str:
    """The part of the year a text speaks of, as written ("截至6月底"), or "" for the whole year."""
    for m in PERIOD.finditer(text):
        month = m.group("m1") or m.group("m2")
        if month:
            n = int(month) if month.isdigit() else _CN_MONTH.get(month, 12)
            if n >= 12:
                continue
        return re.sub(r"^(?:19|20)\d\d年", "", m.group())
    return ""

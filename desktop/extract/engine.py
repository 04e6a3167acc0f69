"""Figures out of a narrative report: which catalog indicator a sentence states, with which value.

The rules read the prose the way a clerk does: a name (or one of its catalog aliases) followed by a
connecting word and a figure with a unit that agrees with the indicator's unit; a figure with its
unit written before the name ("设置14个急救站点"); "分别" and "均" lists; changes ("下降17.56%") only
for growth indicators; year phrases ("从2019年的2.1个提高到2022年的3.4个"). Anything planned, targeted,
approximate, about another place or another year is left out: saying nothing beats a wrong figure.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from desktop.catalog import short_place
from desktop.domain import Indicator
from desktop.extract import lexicon as lx
from desktop.extract.text import Prepared, Sentence, prepare
from desktop.extract.words import (
    CHANGE_CLAUSE,
    CLAUSE,
    LIST_SEP,
    Figure,
    Gap,
    Mention,
    Term,
    build_terms,
    convert,
    find_figures,
    find_mentions,
    in_range,
    read_gap,
)
from desktop.numbers import normalize_text


@dataclass
class Found:
    indicator: Indicator
    value: float
    year: int
    sentence: Sentence
    figure: Figure
    period: str = ""  # a part of the year ("截至6月底"), "" for the whole year



# ---- the document: plan or record ------------------------------------------------------------------
def plan_document(prepared: Prepared) -> bool:
    """A text mostly about what is to be done (a plan) rather than what was done."""
    plan = done = 0
    for s in prepared.sentences:
        if lx.PLAN_MARKERS.search(s.text):
            plan += 1
        if lx.DONE_MARKERS.search(s.text):
            done += 1
    return plan >= 3 and done * 3 <= plan


_TOPIC_YEAR = re.compile(r"^(?:在|截至|截止|到|至|自)?((?:19|20)\d\d)年(?:底|末|度|全年|上半年|下半年|1-\d+月)?(?:,|以来|来)")
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"")


# a clause of a bare measure and its figure: [a place word][累计/共/其中…]签约人数[达到/为…]38.5
_BARE_MEASURE = re.compile(r"(?P<place>[\u4e00-\u9fff]{0,4}?)(?:累计|共计|共有|共|其中|总计)?"
                           r"(?P<word>[\u4e00-\u9fff]{2,6}?)(?:达到|达|为|是|有)?")


class _Extractor:
    """One pass over one text for one year: sentence by sentence, names paired with figures, then judged."""

    def __init__(self, text: str, indicators: list[Indicator], year: int, region_names: tuple[str, ...],
                 places: tuple[str, ...] = (), level: str = "county", above: tuple[str, ...] = ()):
        self.prepared = prepare(text)
        self.terms = build_terms(indicators)
        self.wordings = {i.code: "|".join(normalize_text(w) for w in (i.name, *i.aliases)) for i in indicators}
        self.plan_from = 0
        self.year = year
        self.level = level
        self.region_names = region_names
        # other places by name, and by name without 市/县/区 ("平阳县" and "平阳"), never our own
        own = {n for name in region_names for n in (name, short_place(name)[0])}
        words = {n for name in places for n in (name, short_place(name)[0]) if len(n) >= 2} - own
        self.places = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))) if words else None
        # the words that name a place: each says whether the place is ours ("own") or not ("other")
        own_words = set(own) | set(lx.SCOPE_WORDS["province" if level == "province" else "local"].split("|"))
        other_words = set(lx.SCOPE_WORDS["nation"].split("|")) | words
        if level != "province":
            other_words |= set(lx.SCOPE_WORDS["province"].split("|"))
        if level == "county" and (any(short_place(name)[1] in ("区", "县", "自治县") for name in region_names)
                                  or self._titled_above(own, above)):
            # 鹿城区's or 永嘉县's 全市 is 温州市; so is 瑞安市's in a text whose title names 温州市 and not 瑞安市
            own_words -= set(lx.CITY_WORDS.split("|"))
            other_words |= set(lx.CITY_WORDS.split("|"))
        other_words -= own_words
        self.scope_kind = {w: "own" for w in own_words if w} | {w: "other" for w in other_words}
        self.scope_words = re.compile("|".join(re.escape(w) for w in sorted(self.scope_kind, key=len, reverse=True)))
        # the place of a figure given by the list or series it stands in ("杭州、宁波分别为7.2、6.5张"), by its
        # start in the sentence being read
        self.place_of: dict[int, str] = {}
        # the indicator the sentence before named last, its paragraph, and whether it ended with ";": a place's
        # figure in the next sentence of the paragraph may be of it ("…83.11岁;德清县最高,为83.42岁")
        self.running: tuple[int, Term, bool] | None = None
        self.before: tuple[int, Term, bool] | None = None
        self.plan_doc = plan_document(self.prepared)
        self.found: list[Found] = []
        self.skipped: Counter = Counter()  # why figures were left out: plan, place, year, ...
        self.doc_scope = self._doc_scope()

    def _title(self) -> str:
        """The headings the text begins with (up to three: a letterhead "温州市卫生健康委员会" over the title
        "瑞安市2023年卫生健康工作总结"), as one text; "" when it begins with a sentence."""
        lines = []
        for s in self.prepared.sentences[:3]:
            if not s.heading:
                break
            lines.append(s.text)
        return "\n".join(lines)

    def _titled_above(self, own: set[str], above: tuple[str, ...]) -> bool:
        """True when the title (the headings the text begins with) names a place above the region and not the
        region: "金华市2023年国民经济和社会发展统计公报" read for 义乌市."""
        title = self._title()
        if not title or any(w in title for w in own):
            return False
        return any(w in title for name in above for w in (name, short_place(name)[0]) if len(w) >= 2)

    def _doc_scope(self) -> str | None:
        """The place of the sentences that name none, for the whole text: "other" when the text names the
        region but speaks more of another place (`_body_scope`), or when the title (the headings it begins with)
        puts it under the nation or another place and the text never names the region."""
        title = self._title()
        own = [w for w, kind in self.scope_kind.items() if kind == "own"]
        if any(w in title for w in own):
            return None  # "我县入选全国基层中医药工作示范县" is the county's text
        body = "".join(s.text for s in self.prepared.sentences)
        if any(w in body for w in own if w not in ("全省", "全市", "全县", "全区")):
            return self._body_scope()
        if title and (lx.NATIONAL_TITLE.search(title) or self._scope_before(title, len(title)) == "other"):
            return "other"
        # a county's text is its own even when it quotes the province's figure ("全省为82.3岁"); but a text that
        # never names the county and names another county as a part of its whole ("全市…，其中德清县…") is that
        # whole's (a county has no parts: for a city or the province, the part may be its own)
        if self.level == "county" and self.places is not None and any(
                re.search(r"\d", st.text) and any(st.text.endswith("其中", 0, m.start())
                                                  for m in self.places.finditer(st.text))
                for st in self.prepared.sentences):
            return "other"
        return None

    def _body_scope(self) -> str | None:
        """"other" when a text that names the region speaks more of a larger place or of its neighbours
        than of the region, in its sentences of figures: a city's bulletin with "全市…，其中德清县83.35岁、安吉县
        83.10岁" is the city's, and so are its sentences that name no place. The region named as a part of the
        whole ("其中德清县"), a place named only to compare with ("高于全省平均") and the nation ("全国…为78.6岁",
        which a county's report quotes) are not counted."""
        national = set(lx.SCOPE_WORDS["nation"].split("|"))
        counts: Counter = Counter()
        for s in self.prepared.sentences:
            text = s.text
            if not re.search(r"\d", text):
                continue
            for m in self.scope_words.finditer(text):
                word, kind = m.group(), self.scope_kind[m.group()]
                if word in national or lx.SCOPE_COMPARED_BEFORE.search(text, max(0, m.start() - 3), m.start()) \
                        or lx.SCOPE_COMPARED_AFTER.match(text, m.end()):
                    continue
                if kind == "own" and text.endswith("其中", 0, m.start()):
                    continue
                counts[kind] += 1
        return "other" if counts["other"] > counts["own"] else None

    def _scope_before(self, text: str, pos: int) -> str | None:
        """The place a figure at `pos` is of, from the nearest place word before it that is not a comparison."""
        found = None
        for m in self.scope_words.finditer(text, 0, pos):
            if lx.SCOPE_COMPARED_BEFORE.search(text, max(0, m.start() - 3), m.start()) or \
                    lx.SCOPE_COMPARED_AFTER.match(text, m.end()):
                continue
            found = self.scope_kind[m.group()]
        return found

    def run(self, progress=None, cancelled=None) -> list[Found]:
        paragraph_year: dict[int, int] = {}
        paragraph_period: dict[int, str] = {}
        paragraph_scope: dict[int, str | None] = {}
        # the title (the first line) may say the whole report covers a part of the year
        sentences = self.prepared.sentences
        doc_period = lx.period_of(sentences[0].text) if sentences else ""
        total = len(self.prepared.sentences)
        for done, s in enumerate(self.prepared.sentences):
            if done % 200 == 0:
                if cancelled is not None and cancelled():
                    return []
                if progress is not None:
                    progress(done, total)
            if s.heading:
                continue
            m = _TOPIC_YEAR.match(s.text)
            if m:
                paragraph_year[s.paragraph] = int(m.group(1))
            context_year = paragraph_year.get(s.paragraph, self.year)
            if lx.PERIOD_ONLY.match(s.text):
                # "“十三五”期末，…": a period, no year (unless the sentence goes on with one, "截至2023年底")
                dated = lx.YEAR_TOKEN.search(s.text)
                context_year = int(dated.group(1)) if dated else None
            # a sentence naming no place is of the place the paragraph (or the title) last named
            own_scope = self._scope_before(s.text, len(s.text))
            self.carried_scope = paragraph_scope.get(s.paragraph, self.doc_scope)
            if own_scope is not None and re.search(r"\d", s.text):
                # a place goes on into the next sentences only from a sentence of figures
                # ("全国…443.5万人。每千人口…3.15人"), not from "按照全省统一部署，…"
                paragraph_scope[s.paragraph] = own_scope
            period = lx.period_of(s.text)
            if period:
                paragraph_period[s.paragraph] = period
            before = len(self.found)
            self._sentence(s, context_year)
            period = (period or paragraph_period.get(s.paragraph)
                      or lx.period_of(self.prepared.sections[s.section].heading) or doc_period)
            for f in self.found[before:]:
                f.period = period
        return self.found

    # -- per sentence
    def _sentence(self, s: Sentence, context_year: int | None) -> None:
        text = s.text
        self.place_of = {}
        self.before, self.running = self.running, None  # what the sentence before named, for this one only
        mentions = [self._includes(text, m) for m in find_mentions(text, self.terms) if not self._qualified(text, m)]
        self.plan_from = self._plan_from(s)
        if self.plan_from == 0:
            if mentions:
                self.skipped["plan"] += 1
            return
        self._share_prefix(text, mentions)
        self._zero_deaths(s, mentions, context_year)
        if not mentions and not re.search(r"\d", text):
            return  # a name with a figure, or a measure borrowing the thing counted ("床位" after 医疗卫生机构)
        all_figures = find_figures(text, mentions)
        figures = [f for f in all_figures if f.year is None]
        years = [f for f in all_figures if f.year is not None]
        used_mentions: set[int] = set()
        used_figures: set[int] = set()
        pairs: list[tuple[Mention, Figure, Gap]] = []
        for m in _LIST_KEY.finditer(text):
            key = "均" if m.group() == "均" else "分别"  # 依次 lists as 分别 does
            if key == "分别":
                self._place_list(text, m.start(), m.end(), mentions, figures, used_mentions, used_figures, pairs,
                                 s.paragraph)
            self._list(text, m.start(), m.end(), key, mentions, figures, used_mentions, used_figures, pairs)
        self._place_series(text, mentions, figures, used_figures, pairs)
        self._superlatives(text, mentions, figures, used_figures, pairs, s.paragraph)
        self._place_alone(text, mentions, figures, used_figures, pairs, s.paragraph)
        self._for_groups(text, mentions, figures, used_mentions, used_figures, pairs)
        for mi, mention in enumerate(mentions):
            if mi in used_mentions:
                continue
            self._direct(text, mi, mention, mentions, figures, used_mentions, used_figures, pairs)
        for mi, mention in enumerate(mentions):
            if mi in used_mentions:
                continue
            self._before(text, mi, mention, figures, used_mentions, used_figures, pairs)
        self._continued(text, mentions, figures, used_mentions, used_figures, pairs)
        self._elliptic(text, mentions, figures, used_figures, pairs)
        self._borrowed_head(text, mentions, figures, used_figures, pairs)
        self._prior_year(text, mentions, figures, used_figures, pairs, context_year)
        named = [x for x in mentions if x.term.mode == "name"]
        if named:
            self.running = (s.paragraph, named[-1].term, text.endswith(";"))
        elif text.endswith(";"):
            self.running = self.before  # "…;德清县最高,为83.42岁;安吉县最低,为82.5岁。"
        seen: set[str] = set()
        for mention, fig, gap in sorted(pairs, key=lambda p: p[1].start):
            found = self._judge(s, mention, fig, gap, context_year, years)
            if found is None:
                continue
            key = f"{found.indicator.code}/{found.year}"
            if key in seen:  # a later figure of the same indicator in one sentence is a part ("其中")
                continue
            seen.add(key)
            self.found.append(found)

    def _share_prefix(self, text: str, mentions: list[Mention]) -> None:
        """"每千人口执业（助理）医师数达到3.46人、注册护士数达到3.98人": a list item after 、 shares the
        per-population head of the item before it."""
        for i in range(1, len(mentions)):
            prev, cur = mentions[i - 1], mentions[i]
            if text[cur.start - 1:cur.start] not in ("、", "和", "及") or CLAUSE.search(text, prev.end, cur.start):
                continue
            head = _PER_POPULATION.match(prev.term.text)
            if head and not cur.term.text.startswith(head.group()):
                term = self.terms.get(head.group() + cur.term.text)
                if term is not None:
                    mentions[i] = Mention(cur.start, cur.end, term)

    def _qualified(self, text: str, m: Mention) -> bool:
        """A name narrowed by the word before it to a part of what the indicator counts."""
        if lx.OTHER_MEASURE_BEFORE.search(text, max(0, m.start - 5), m.start):
            return True  # "健康期望寿命" is another measure than 期望寿命
        q = lx.QUALIFIERS.search(text, max(0, m.start - 4), m.start)
        if m.term.mode == "grouped" and q and q.group() in lx.GROUP_WORDS:
            return False  # "老年人接种流感疫苗": the group the service is counted for
        if q and q.group() in self.wordings.get(m.term.indicator.code, ""):
            return False  # "公立医院医疗总费用增幅": the indicator's own wordings carry the word
        return bool(q) and not m.term.text.startswith(q.group())

    @staticmethod
    def _includes(text: str, m: Mention) -> Mention:
        """"执业医师(含助理)": a bracket saying what the name includes is part of the name."""
        inc = lx.INCLUDES.match(text, m.end)
        return Mention(m.start, inc.end(), m.term) if inc else m

    def _plan_from(self, s: Sentence) -> int:
        """Where the plan starts in the sentence: 0 for all of it, len(text) for none of it. A plan word
        covers its clause and the ones after it: "床位数为4.98张，规划目标为6张" states 4.98 as a fact."""
        text = _QUOTED.sub(lambda m: " " * len(m.group()), s.text)
        done = lx.DONE_MARKERS.search(s.text)
        # "到2004年，全省…已下降至…": a year reached (not after the one asked, and said to be reached) is no plan
        markers = [m for m in lx.PLAN_MARKERS.finditer(text) if not self._reached(m.group(), bool(done))]
        section = self.prepared.sections[s.section]
        if section.mode == "plan":
            # a fact in a plan's section: a year not after the one asked, 已, and no plan word
            topic = _TOPIC_YEAR.match(s.text)
            return len(text) if done and topic and int(topic.group(1)) <= self.year and not markers else 0
        if markers:
            return max((c.end() for c in CLAUSE.finditer(text, 0, markers[0].start())), default=0)
        if self.plan_doc and not done:
            return 0
        return len(text)

    def _reached(self, marker: str, done: bool) -> bool:
        m = re.fullmatch(r"(?:到|至)((?:19|20)\d\d)年", marker)
        if not m:
            return False
        year = int(m.group(1))
        return year < self.year or (year == self.year and done)

    def _zero_deaths(self, s: Sentence, mentions: list[Mention], context_year: int | None) -> None:
        """"全年实现孕产妇零死亡", "全区无孕产妇死亡": a death rate of zero said in words."""
        text = s.text
        if "死亡" not in text:
            return
        for subject, term in self._death_subjects().items():
            for m in re.finditer(rf"(?:(?<=无)|(?<=未发生)|(?<=没有)){re.escape(subject)}死亡(?!率)|"
                                 rf"{re.escape(subject)}(?:死亡人数为?|死亡数为?)?零死亡", text):
                if any(x.start < m.end() and m.start() < x.end and x.term.indicator is not term.indicator
                       for x in mentions):
                    continue
                zero = Figure(m.start(), m.end(), m.end(), 0.0, "", "零", False)
                found = self._judge(s, Mention(m.start(), m.end(), term), zero, Gap(True), context_year, [])
                if found is not None and all(f.indicator is not found.indicator or f.year != found.year
                                             or f.sentence is not s for f in self.found):
                    self.found.append(found)

    def _death_subjects(self) -> dict[str, Term]:
        """The subject of every death-rate name ("孕产妇" of 孕产妇死亡率), once per catalog."""
        if not hasattr(self, "_deaths"):
            self._deaths = {}
            for word, term in self.terms.items():
                if term.mode == "name" and word.endswith("死亡率") and len(word) > 3 and "(" not in word:
                    self._deaths.setdefault(word[:-3], term)
        return self._deaths

    # -- pairings
    def _direct(self, text, mi, mention, mentions, figures, used_m, used_f, pairs) -> None:
        """name + connecting words + figure, possibly a chain of year phrases."""
        nxt = next((f for f in figures if f.start >= mention.end), None)
        if nxt is None or figures.index(nxt) in used_f:
            return
        between = text[mention.end:nxt.start]
        if CLAUSE.search(between) or any(m.start >= mention.end and m.start < nxt.start for m in mentions):
            return
        gap = read_gap(between.rstrip("负-") if nxt.number < 0 else between)
        if not gap.ok:
            return
        if gap.kinds & {"d", "dn"} and mention.term.indicator.kind != "growth":
            # "较上年提高1.8个百分点，达到68.34%": a change, and the value may follow
            used_f.add(figures.index(nxt))
            return
        used_m.add(mi)
        used_f.add(figures.index(nxt))
        pairs.append((mention, nxt, gap))
        # "从2019年的2.1个提高到2022年的3.4个": the chain goes on with a new year
        prev = nxt
        while gap.year is not None or "f" in gap.kinds:
            fi = figures.index(prev) + 1
            if fi >= len(figures) or fi in used_f:
                break
            cand = figures[fi]
            between = text[prev.end:cand.start]
            if CLAUSE.search(between):
                break
            gap2 = read_gap(between)
            if not gap2.ok or not gap2.words:
                break
            gap2.chained = True
            used_f.add(fi)
            pairs.append((mention, cand, gap2))
            if "f" in gap.kinds and gap.year is None:
                pairs.remove((mention, prev, gap))  # "由X提高到Y" without a year: X's year is unknown
            prev, gap = cand, gap2
            if gap2.year is None:
                break

    def _before(self, text, mi, mention, figures, used_m, used_f, pairs) -> None:
        """figure and unit written before the name: "设置14个急救站点", "新增12家村卫生室"."""
        for fi, fig in enumerate(figures):
            if fi in used_f or not fig.unit or fig.end != mention.start:
                continue
            if mention.term.mode == "base":
                return
            clause_start = max((m.end() for m in CLAUSE.finditer(text, 0, fig.start)), default=0)
            gap = Gap(True)
            if mention.term.mode == "object":
                if mention.term.verb not in text[clause_start:fig.start]:
                    return
                gap.kinds.add("flow")
            used_m.add(mi)
            used_f.add(fi)
            pairs.append((mention, fig, gap))
            return

    def _for_groups(self, text, mentions, figures, used_m, used_f, pairs) -> None:
        """"为19.74万高危人群开展大肠癌筛查": a number of people served, named by the service after it."""
        for m in re.finditer(r"为(?=\d)", text):
            fig = next((f for f in figures if f.start == m.end()), None)
            if fig is None or fig.unit not in ("", "人", "名", "位", "人次"):
                continue
            rest = text[fig.end:fig.end + 16]
            verb = re.match(r"[^,;。!?]{0,10}?(?:人群|人员|儿童|老人|老年人|居民|妇女|患者|对象|学生|群众)(?:免费)?(?:开展|提供|实施|进行)", rest)
            if not verb:
                continue
            mention = next((x for x in mentions if x.start == fig.end + verb.end()), None)
            if mention is None or normalize_text(mention.term.indicator.unit).lstrip("万") not in ("人",):
                continue
            fi, mi = figures.index(fig), mentions.index(mention)
            if fi in used_f or mi in used_m:
                continue
            person = Figure(fig.start, fig.end, fig.num_end, fig.number, fig.multiplier, fig.unit or "人",
                            fig.approx, None)
            used_f.add(fi)
            used_m.add(mi)
            pairs.append((mention, person, Gap(True)))

    def _list(self, text, k0, k1, key, mentions, figures, used_m, used_f, pairs) -> None:
        """"门诊、住院次均费用分别增长3.2%、2.9%" and "A、B均达100%"."""
        clause_start = max((m.end() for m in CLAUSE.finditer(text, 0, k0)), default=0)
        head = text[clause_start:k0]
        # the figures after the key word
        first = next((f for f in figures if f.start >= k1), None)
        if first is None:
            return
        after_gap = read_gap(text[k1:first.start].rstrip("负-") if first.number < 0 else text[k1:first.start])
        if not after_gap.ok or CLAUSE.search(text[k1:first.start]):
            return
        if figures.index(first) in used_f:
            return  # paired by place already (_place_list)
        values = _listed(text, figures, first) if key == "分别" else [first]
        # the names before it
        before_gap = ""
        m = re.search(r"(?:同比|比上年|较上年|比去年|较去年|全年|已|也|都)+$", head)
        if m:
            before_gap = m.group()
            head = head[: m.start()]
        # split at 、和及与 except inside a name ("老年人和儿童中医药健康管理率")
        inside = [(m.start, m.end) for m in find_mentions(head, self.terms)]
        items, last = [], 0
        for sep in re.finditer(r"以及|、|和|及|与", head):
            if not any(a <= sep.start() < b for a, b in inside):
                items.append(head[last:sep.start()])
                last = sep.end()
        items = [x for x in items + [head[last:]] if x]
        if len(items) < 2:
            return
        resolved = [self._resolve_item(item, items, idx) for idx, item in enumerate(items)]
        if key == "分别" and len(resolved) != len(values):
            return
        if key == "均" and None in resolved:
            return
        gap = read_gap(before_gap + text[k1:first.start].rstrip("负-") if first.number < 0
                       else before_gap + text[k1:first.start])
        if not gap.ok:
            return
        if "f" in gap.kinds and gap.year is None:
            return  # "分别由X、Y提高到…": the year of the first figures is unknown
        groups = [(values, gap)]
        if key == "分别" and gap.year is not None:
            # "分别从2017年底的x1、y1增加到2021年底的x2、y2": a second list, of the later year
            fi = figures.index(values[-1]) + 1
            if fi + len(values) <= len(figures):
                later = figures[fi:fi + len(values)]
                gap2 = read_gap(text[values[-1].end:later[0].start])
                seps = [text[a.end:b.start] for a, b in zip(later, later[1:])]
                if gap2.ok and gap2.year is not None and "t" in gap2.kinds and \
                        all(LIST_SEP.match(x) and len(x) <= 2 for x in seps):
                    groups.append((later, gap2))
        for group, group_gap in groups:
            for idx, term in enumerate(resolved):
                if term is None:  # an item not in the catalog still holds its place in the list
                    continue
                fig = group[idx] if key == "分别" else first
                pairs.append((Mention(clause_start, k0, term), fig, group_gap))
            for fig in group:
                used_f.add(figures.index(fig))
        for mi, mention in enumerate(mentions):
            if clause_start <= mention.start < k0:
                used_m.add(mi)

    def _place_list(self, text, k0, k1, mentions, figures, used_m, used_f, pairs, paragraph) -> None:
        """"杭州、宁波、温州每千人口医疗机构床位数分别为7.21张、6.05张、5.88张": one indicator, a list of places
        before it and as many figures after 分别; each figure is its place's."""
        clause_start = max((m.end() for m in CLAUSE.finditer(text, 0, k0)), default=0)
        inside = [(mi, x) for mi, x in enumerate(mentions) if clause_start <= x.start and x.end <= k0]
        own_clause = len(inside) == 1
        if own_clause:
            mi, mention = inside[0]
            head, named = text[clause_start:mention.start], text[mention.end:k0]
        elif not inside:
            # "全市人均期望寿命83.11岁，其中德清县、长兴县分别为83.42岁、82.96岁": the indicator of the clause before
            earlier = [(mi, x) for mi, x in enumerate(mentions) if x.end <= clause_start and x.term.mode == "name"]
            # a sentence that names no indicator, only places and their figures, goes on from the one before
            running = self._running(paragraph, full_stop=not mentions and clause_start == 0)
            if earlier:
                mi, mention = earlier[-1]
            elif running is not None:  # "…6.72张;德清县、安吉县分别为5.87张和5.64张" (or "…6.72张。德清县、…")
                mi, mention = -1, running
            else:
                return
            head, named = re.sub(r"^(?:其中|而)", "", text[clause_start:k0]), ""
        else:
            return
        first = next((f for f in figures if f.start >= k1), None)
        if first is None or figures.index(first) in used_f:
            return
        gap = read_gap(named + text[k1:first.start])
        if not gap.ok or CLAUSE.search(text, k1, first.start):
            return
        values = _listed(text, figures, first)
        # the places before, or in brackets after the figures: "依次为98.2%、97.6%、99.1%(吴兴区、南浔区、德清县)"
        after = re.match(r"\(([^()]+)\)", text[values[-1].end:])
        items = self._places(re.sub(r"(?:的|中|之中)$", "", head)) or (self._places(after.group(1)) if after else [])
        if len(items) != len(values):
            return
        last = values[-1]
        for item, fig in zip(items, values):
            used_f.add(figures.index(fig))
            self.place_of[fig.start] = self._place_kind(item)
            if not fig.unit and not fig.multiplier and last.unit:  # "依次为8.12、5.36、5.87张"
                fig = Figure(fig.start, fig.end, fig.num_end, fig.number, last.multiplier, last.unit, fig.approx)
            pairs.append((mention, fig, gap))
        if own_clause:
            used_m.add(mi)

    def _place_series(self, text, mentions, figures, used_f, pairs) -> None:
        """"各县区人均期望寿命：吴兴区83.08岁，南浔区82.71岁，…" and "长兴县人均期望寿命82.96岁，德清县83.42岁":
        after an indicator (and its figure), places each followed by a figure are that indicator's figures of
        those places."""
        for mention in mentions:
            if mention.term.mode != "name":
                continue
            pos = mention.end
            colon = re.match(r"[:：]", text[pos:pos + 1])
            if colon:
                pos += 1
            else:
                fig = next((f for f in figures if f.start >= pos), None)
                if fig is None or not read_gap(text[pos:fig.start]).ok or CLAUSE.search(text, pos, fig.start):
                    continue
                pos = fig.end
                sep = re.match(r"[,、;]", text[pos:pos + 1])
                if not sep:
                    continue
                pos += 1
            while True:
                place = self.scope_words.match(text, pos)
                if place is None:
                    break
                verb = re.match(r"(?:为|是|达到|达)?", text[place.end():])
                start = place.end() + verb.end()
                fig = next((f for f in figures if f.start == start), None)
                if fig is None or fig.year is not None:
                    break
                fi = figures.index(fig)
                if fi not in used_f:
                    used_f.add(fi)
                    self.place_of[fig.start] = self._place_kind(place.group())
                    pairs.append((mention, fig, Gap(True)))
                sep = re.match(r"[,、;]", text[fig.end:fig.end + 1])
                if not sep:
                    break
                pos = fig.end + 1

    def _running(self, paragraph: int, full_stop: bool = False) -> Mention | None:
        """The indicator the sentence before named, when it ended with ";" in this paragraph (or, with
        `full_stop`, with "。" too), as a mention at 0, 0 of this sentence."""
        if self.before is None or self.before[0] != paragraph or not (self.before[2] or full_stop):
            return None
        return Mention(0, 0, self.before[1])

    def _superlatives(self, text, mentions, figures, used_f, pairs, paragraph) -> None:
        """"德清县人均期望寿命最高(83.42岁),南浔区最低(82.71岁)" and "…最高的是安吉县,为83.5岁": the place named
        with 最高/最低 has the figure that follows, of the indicator named last before it."""
        for m in _SUPERLATIVE.finditer(text):
            words = m.group("place") or m.group("place2")
            # the place the words end with ("其中吴兴区" is 吴兴区)
            place = next((w.group() for w in self.scope_words.finditer(words) if w.end() == len(words)), "")
            kind = self._place_kind(place)
            fig = next((f for f in figures if f.start == m.end()), None)
            if kind is None or fig is None or fig.year is not None or figures.index(fig) in used_f:
                continue
            before = [x for x in mentions if x.end <= m.end() and x.term.mode == "name"]
            mention = before[-1] if before else self._running(paragraph)
            if mention is None:
                continue
            used_f.add(figures.index(fig))
            self.place_of[fig.start] = kind
            pairs.append((mention, fig, Gap(True)))

    def _place_alone(self, text, mentions, figures, used_f, pairs, paragraph) -> None:
        """"…杭州市人均期望寿命最高,为84.3岁;全省平均为82.8岁": after a semicolon, a sentence that names no
        indicator and begins with a place (平均) and its figure has the figure of the indicator named before."""
        running = None if mentions else self._running(paragraph)
        place = self.scope_words.match(text) if running is not None else None
        if place is not None:
            after = re.match(r"(?:平均)?(?:水平)?(?:为|是|达到|达)?", text[place.end():])
            start = place.end() + after.end()
            fig = next((f for f in figures if f.start == start and f.year is None), None)
            if fig is not None and figures.index(fig) not in used_f:
                used_f.add(figures.index(fig))
                self.place_of[fig.start] = self._place_kind(place.group())
                pairs.append((running, fig, Gap(True)))

    @staticmethod
    def _of_a_town(text: str, mention: Mention) -> bool:
        """The indicator named for a town or a street of the county ("新市镇家庭医生签约率最高,为52.1%",
        "武康街道的…"): a part of the county, not the county (乡镇 alone, "全县乡镇卫生院", names none)."""
        lead = text[max((m.end() for m in CLAUSE.finditer(text, 0, mention.start)), default=0):mention.start]
        town = _TOWN.search(lead)
        return town is not None and not town.group().rstrip("的").endswith("乡镇")

    def _places(self, text: str) -> list[str]:
        """The places of a list of two or more ("德清县、安吉县和长兴县"), or [] when an item is no place."""
        items = re.split(r"以及|、|和|及|与", text)
        return items if len(items) >= 2 and all(self._place_kind(x) for x in items) else []

    def _place_kind(self, word: str) -> str | None:
        """"own" or "other" when `word` is a whole place name or place word, else None."""
        return self.scope_kind.get(word)

    def _resolve_item(self, item: str, items: list[str], idx: int) -> Term | None:
        """A list item's indicator, borrowing the shared tail or head of the list ("门诊、住院次均费用")."""
        best: tuple[int, Term] | None = None

        def consider(cand: str, lo: int, hi: int) -> None:
            nonlocal best
            for mention in find_mentions(cand, self.terms):
                if mention.end == len(cand) and mention.start <= lo and mention.end >= hi:
                    size = mention.end - mention.start
                    if best is None or size > best[0]:
                        best = (size, mention.term)

        consider(item, len(item) - 1, len(item))
        last, first = items[-1], items[0]
        if idx < len(items) - 1:
            for j in range(1, len(last)):
                consider(item + last[j:], len(item) - 1, len(item))
        if idx > 0:
            for j in range(1, len(first)):
                consider(first[:j] + item, j, j + len(item))
        return best[1] if best else None

    def _continued(self, text, mentions, figures, used_m, used_f, pairs) -> None:
        """A clause that goes on about the indicator just named: "执业(助理)医师3200人，每千人口3.1人"
        (a per-population figure of it) and "人均期望寿命年均提高0.3岁，2022年达到82.5岁"."""
        for cm in CLAUSE.finditer(text):
            start = cm.end()
            earlier = [(i, x) for i, x in enumerate(mentions) if x.end <= start]
            if not earlier or any(start <= x.start < _clause_end(text, start) for x in mentions):
                continue
            mi, prev = earlier[-1]
            if CLAUSE.search(text, prev.end, start - 1) or prev.term.mode != "name":
                continue
            fig = next((f for f in figures if f.start >= start), None)
            if fig is None or figures.index(fig) in used_f:
                continue
            per = _PER_POPULATION.match(text, start, fig.start)
            if per:
                wanted = (per.group(1) + prev.term.text, per.group(1) + prev.term.text + "数")
                term = next((self.terms[w] for w in wanted if w in self.terms), None)
                gap = read_gap(text[per.end():fig.start])
                if term is not None and gap.ok:
                    used_f.add(figures.index(fig))
                    pairs.append((Mention(start, per.end(), term), fig, gap))
                continue
            # "全省…为38.6%，我县为35.2%": our own figure after another place's, even if the name was used
            own = _OWN_SCOPE.match(text, start, fig.start)
            # "新增救护车3辆，总数达到17辆": the total after the addition
            total = lx.TOTAL_WORDS.match(text, own.end() if own else start, fig.start)
            rest = total.end() if total else own.end() if own else start
            gap = read_gap(text[rest:fig.start])
            # "，较2021年的10.2%": a dated figure compared with is that year's value
            dated = gap.ok and gap.year is not None and "c" in gap.kinds
            if total and gap.ok and not gap.kinds & {"d", "dn", "c"}:
                gap.kinds.add("n")
                gap.words.append(total.group())
            if mi in used_m and not own and not dated and not total:
                continue
            if gap.ok and gap.words and (gap.year is not None or gap.kinds & {"n", "t"}) and gap.words != ["的"]:
                used_m.add(mi)
                used_f.add(figures.index(fig))
                pairs.append((prev, fig, gap))

    def _elliptic(self, text, mentions, figures, used_f, pairs) -> None:
        """"家庭医生签约58.38万人次，签约率44.97%": a bare rate naming the indicator just mentioned;
        "住院次均费用8560元，同比下降2.3%": a change of the growth indicator's quantity just named."""
        for cm in CLAUSE.finditer(text):
            start = cm.end()
            change = CHANGE_CLAUSE.match(text, start)
            if change:
                earlier = [x for x in mentions if x.end <= start]
                fig = next((f for f in figures if f.start >= change.end()), None)
                if (earlier and earlier[-1].term.mode == "base" and fig is not None
                        and figures.index(fig) not in used_f
                        and not CLAUSE.search(text, earlier[-1].end, start - 1)):
                    gap = read_gap(text[start:fig.start])
                    if gap.ok:
                        used_f.add(figures.index(fig))
                        pairs.append((earlier[-1], fig, gap))
                continue
            m = re.match(r"(?:其中|全市|全县|全区)?([\u4e00-\u9fff]{1,6}?(?:率|占比|比例))", text[start:])
            if not m:
                continue
            word_start, word_end = start + m.start(1), start + m.end(1)
            if any(x.start <= word_start < x.end for x in mentions):
                continue
            word = m.group(1)
            earlier = [x for x in mentions if x.end <= start]
            if not earlier:
                continue
            prev = earlier[-1]
            best = None
            for term in self.terms.values():
                if term.mode != "name" or not term.text.endswith(word) or term.text == word:
                    continue
                shared = _common_prefix(term.text, prev.term.text)
                if shared >= 2 and (best is None or shared > best[0]):
                    best = (shared, term)
            if best is None:
                continue
            fig = next((f for f in figures if f.start >= word_end), None)
            if fig is None or figures.index(fig) in used_f:
                continue
            between = text[word_end:fig.start]
            gap = read_gap(between)
            if not gap.ok or CLAUSE.search(between):
                continue
            used_f.add(figures.index(fig))
            pairs.append((Mention(word_start, word_end, best[1]), fig, gap))

    def _topic_head(self, text, mentions, figures, used_f, pairs) -> None:
        """"家庭医生签约服务持续推进，签约人数38.5万人": a bare measure taking its head from the sentence's
        opening clause, which names the topic and states no figure ("家庭医生" + "签约人数")."""
        first = CLAUSE.search(text)
        if first is None or any(f.start < first.start() for f in figures):
            return
        topic = text[:first.start()]
        for cm in CLAUSE.finditer(text):
            start = cm.end()
            fig = next((f for f in figures if f.start > start), None)
            if fig is None or figures.index(fig) in used_f or CLAUSE.search(text, start, fig.start) or \
                    any(start <= x.start < fig.start for x in mentions):
                continue
            m = _BARE_MEASURE.fullmatch(text, start, fig.start)
            if not m or (self.scope_words.fullmatch(m.group("place")) is None and m.group("place")):
                continue
            word = m.group("word")
            term = max((self.terms[topic[i:j] + word] for i in range(len(topic)) for j in range(i + 2, len(topic) + 1)
                        if topic[i:j] + word in self.terms and self.terms[topic[i:j] + word].mode == "name"),
                       key=lambda t: len(t.text), default=None)
            if term is None:
                continue
            used_f.add(figures.index(fig))
            pairs.append((Mention(start + m.start("word") - m.start(), start + m.end("word") - m.start(), term), fig,
                          Gap(True)))

    def _borrowed_head(self, text, mentions, figures, used_f, pairs) -> None:
        """"全市共有医疗卫生机构2815个，床位1.68万张": a bare measure borrowing the thing counted in the
        clause before ("医疗卫生机构床位")."""
        for cm in CLAUSE.finditer(text):
            start = cm.end()
            m = re.match(r"(?:其中)?([\u4e00-\u9fff]{2,6}?)(?=\d)", text[start:])
            if not m or any(start <= x.start < start + m.end() for x in mentions):
                continue
            fig = next((f for f in figures if f.start == start + m.end()), None)
            if fig is None or figures.index(fig) in used_f:
                continue
            prev_start = max((c.end() for c in CLAUSE.finditer(text, 0, cm.start())), default=0)
            prev_fig = next((f for f in figures if prev_start <= f.start < cm.start()), None)
            if prev_fig is None:
                continue
            run = re.search(r"[\u4e00-\u9fff]+$", text[prev_start:prev_fig.start])
            if not run:
                continue
            word, head = m.group(1), run.group()
            term = next((self.terms[head[i:] + word] for i in range(len(head) - 1)
                         if head[i:] + word in self.terms and self.terms[head[i:] + word].mode == "name"), None)
            if term is None:
                # "法定传染病报告发病数同比下降12.4%,报告病例1872例": the thing counted before the clause's own
                # measure and its change (法定传染病 + 报告病例 + 数)
                head = re.sub(r"(?:同比|比上年|较上年)?(?:下降|增长|增加|减少|上升|降低|提高)$", "", head)
                term = next((self.terms[head[i:j] + word + tail] for i in range(len(head) - 1)
                             for j in range(len(head), i + 1, -1) for tail in ("", "数")
                             if head[i:j] + word + tail in self.terms
                             and self.terms[head[i:j] + word + tail].mode == "name"), None)
            if term is None:
                continue
            used_f.add(figures.index(fig))
            pairs.append((Mention(start + m.start(1), start + m.end(1), term), fig, Gap(True)))
        self._topic_head(text, mentions, figures, used_f, pairs)
        # "卫生机构拥有床位2958张": the thing counted, a verb of having, the measure
        for fi, fig in enumerate(figures):
            if fi in used_f or not fig.unit:
                continue
            clause_start = max((c.end() for c in CLAUSE.finditer(text, 0, fig.start)), default=0)
            m = re.search(r"([\u4e00-\u9fff]{2,12}?)(?:拥有|共有|设有|实有|开放|有)([\u4e00-\u9fff]{1,6})$",
                          text[clause_start:fig.start])
            if not m or any(x.start < fig.start and x.end > clause_start + m.start() for x in mentions):
                continue
            head, word = m.group(1), m.group(2)
            term = next((self.terms[head[i:] + word] for i in range(len(head) - 1)
                         if head[i:] + word in self.terms and self.terms[head[i:] + word].mode == "name"), None)
            if term is None:
                continue
            used_f.add(fi)
            pairs.append((Mention(clause_start + m.start(2), clause_start + m.end(2), term), fig, Gap(True)))

    def _prior_year(self, text, mentions, figures, used_f, pairs, context_year) -> None:
        """"每千人口注册护士数达到4.47人（上年为4.21人）": the figure of the year before, of the same indicator."""
        if context_year is None:
            return
        for m in _PRIOR.finditer(text):
            fig = next((f for f in figures if f.start == m.end()), None)
            if fig is None or figures.index(fig) in used_f:
                continue
            before = [p for p in pairs if p[1].end <= m.start()]
            if not before:
                continue
            mention = max(before, key=lambda p: p[1].end)[0]
            used_f.add(figures.index(fig))
            pairs.append((mention, fig, Gap(True, {"n"}, context_year - 1, [m.group()])))

    # -- judging one pairing
    def _judge(self, s: Sentence, mention: Mention, fig: Figure, gap: Gap, context_year: int,
               years: list[Figure]) -> Found | None:
        ind = mention.term.indicator
        if fig.approx or "a" in gap.kinds or "p" in gap.kinds:
            return None
        if fig.start >= self.plan_from or mention.start >= self.plan_from:
            self.skipped["plan"] += 1
            return None
        text = s.text
        # the clause the pairing stands in; a continuing clause ("，我县为35.2%") speaks for itself
        clause_start = max((m.end() for m in CLAUSE.finditer(text, 0, min(mention.start, fig.start))), default=0)
        fig_clause = max((m.end() for m in CLAUSE.finditer(text, 0, fig.start)), default=0)
        if mention.end <= fig_clause:
            clause_start = fig_clause
        # the place: the nearest place word before the figure, else the paragraph's or the title's
        scope = self.place_of.get(fig.start) or self._scope_before(text, fig.start)
        if scope is None:
            scope = self.carried_scope
        if scope == "other" or self._of_a_town(text, mention):
            self.skipped["place"] += 1
            return None
        # which year the figure is of
        year = gap.year
        if year is None and gap.chained:
            year = context_year
        if year is None:
            inline = [y for y in years if y.end <= fig.start and y.start >= clause_start
                      and not _QUOTED.search(text[y.start:fig.start])]
            year = inline[-1].year if inline else context_year
        if year is None or year > self.year or (gap.year is None and year != self.year):
            self.skipped["year"] += 1
            return None
        change = bool(gap.kinds & {"d", "dn"})
        if "c" in gap.kinds and not change and "t" not in gap.kinds and gap.year is None:
            return None  # "比上年的81.2岁…": the figure compared with, not the value
        value = convert(fig, ind)
        if value is None:
            return None
        if ind.kind == "growth":
            if mention.term.mode == "base" and not change:
                return None
            if mention.term.mode == "name" and gap.down:
                return None
            if gap.down:
                if value < 0:
                    return None
                value = -value
        elif change:
            return None
        clause = text[clause_start:fig.start]
        # "每个急救单元增配1名护士": a figure for each unit is no total
        per_unit = lx.DISTRIBUTIVE.search(clause)
        if per_unit and not (mention.start <= per_unit.start() < mention.end):
            return None
        # a figure that adds to a stock is not the stock; a flow indicator needs the verb of its flow
        flow = mention.term.mode == "object" or any(
            normalize_text(ind.name).startswith(v) for v in lx.FLOW_VERBS)
        if flow:
            if not lx.FLOW_WORDS.search(text, clause_start, max(fig.start, mention.end)):
                return None  # "全县共有村卫生室186个" is a stock, "拥有卫生技术人员5120人" no recruitment
        else:
            if lx.INCREMENT.search(clause):
                return None
            prev_clause = text[:clause_start]
            bare = not gap.words or set(gap.words) <= {"的", "共", "共计", "合计"}
            # a rate or a per-population figure is a level, never an item added ("新建户厕1200户，普及率99.6%")
            if ind.kind == "count" and mention.start == clause_start and bare and lx.INCREMENT.search(
                    prev_clause[max((m.end() for m in CLAUSE.finditer(prev_clause[:-1])), default=0):]):
                return None  # "新增照护机构6家，托位180个": the list goes on adding
        if not in_range(value, ind):
            self.skipped["range"] += 1
            return None
        if ind.decimals == 0 and abs(value - round(value)) > 1e-9:
            return None  # 3.98 persons is a rate read as a count
        return Found(ind, value, year, s, fig)


# "分别" pairs a list with figures in order; "均" gives all one figure (not the 均 of 人均, 次均, 平均)
_LIST_KEY = re.compile(r"分别|依次|(?<![人次年平户日月床])均(?=达|为|是|在|保持|控制|实现|超过|高于|低于|增长|下降|提高)")
_PRIOR = re.compile(r"[(,](?:上年|去年|上一年)(?:同期|末|底)?(?:为|是|达|:)?(?=\d)")
_OWN_SCOPE = re.compile(r"我市|我县|我区|本市|本县|本区|全市|全县|全区")
# a place with 最高/最低 and its figure: "德清县人均期望寿命最高(83.42岁)", "德清县最高,为83.42岁", "最低的是南浔区(82.71岁)"
_SUPERLATIVE = re.compile(r"(?:(?P<place>[\u4e00-\u9fff]{2,6}?(?:县|区|市))[\u4e00-\u9fff()]{0,16}?(?:最高|最低|最多|最少)"
                          r"|(?:最高|最低|最多|最少)的(?:是|为)(?P<place2>[\u4e00-\u9fff]{2,6}?(?:县|区|市)))"
                          r"(?:,为|,是|,达到|,达|\(|,|为|是|达到|达)")
# a town or a street named right before an indicator: "新市镇", "武康街道的"
_TOWN = re.compile(r"[\u4e00-\u9fff]{2,4}(?:镇|乡|街道)的?$")
_PER_POPULATION = re.compile(r"(每千人口|每千常住人口|每千人|每万人口|每万常住人口|每万人)")


def _listed(text: str, figures: list[Figure], first: Figure) -> list[Figure]:
    """`first` and the figures after it in a list ("7.21张、6.05张和5.88张")."""
    values, fi = [first], figures.index(first)
    while fi + 1 < len(figures):
        sep = text[values[-1].end:figures[fi + 1].start]
        if not LIST_SEP.match(sep) or len(sep) > 2:
            break
        fi += 1
        values.append(figures[fi])
    return values


def _clause_end(text: str, start: int) -> int:
    m = CLAUSE.search(text, start)
    return m.start() if m else len(text)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def run(text: str, indicators: list[Indicator], year: int, region_names: tuple[str, ...] = (),
        progress=None, cancelled=None, places: tuple[str, ...] = (),
        level: str = "county", above: tuple[str, ...] = ()) -> tuple[Prepared, list[Found], Counter]:
    """The figures found, with a count of the reasons figures were left out (plan, place, year, range)."""
    ex = _Extractor(text, indicators, year, region_names, places, level, above)
    found = ex.run(progress, cancelled)
    if progress is not None:
        progress(len(ex.prepared.sentences), len(ex.prepared.sentences))
    return ex.prepared, found, ex.skipped

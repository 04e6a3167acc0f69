"""Statuses carried by the exchange (format version 2): who decided what and when, per region-year.

All the exchange's status rules are here, in one place and over plain values (no store: this module is a pure
core; `desktop.exchange.status_store` reads the store for it and writes a taken decision): what an export
writes beside the data (`build_lines`, the sheets `状态` and `退回意见`), how the lines are read back
(`parse_line`), the digest that tells a workbook edited by hand after export (`digest`), the rule that decides
whether an imported decision replaces the one the receiving store holds (`decide`), and the steps of the
workflow a taken decision walks (`new_events`).

The rule (`decide`): a decision carried by a file is taken when its digest fits and it is newer than the
decision the store holds; the same decision again changes nothing; an older one is refused when it would
change anything (an approved or accepted year is never overwritten by an older workbook). A year this office
accepted itself is changed only here (it returns it first), never by a file. A line whose digest does not fit
(the workbook was edited by hand after export) brings its rows in as data only, under the usual locks, and
the import says so.

The digest is a checksum against accidental or careless edits, not a signature: someone who knows the
algorithm can recompute it. It is sha256 over the status line's own fields and the region-year's data rows
(indicator code, the value as stored, the note), in code order, its review notes and, only when it has some,
its marks 不适用 / 本年未统计 (sheet 不适用标记; a line without marks keeps the digest of earlier files).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from desktop import policy
from desktop.domain import STATUS_NAMES, STATUSES, Dataset, check_year, plain_number
from desktop.errors import AppError
from desktop.exchange.format import (  # noqa: F401
    ABSENT_SHEET,
    REVIEW_SHEET,
    REVIEW_SHEET_NAMES,
    STATUS_SHEET,
    STATUS_SHEET_NAMES,
)
from desktop.phrases import Phrase, Word, enumeration
from desktop.policy import TRANSITIONS

# key → header written (Chinese), headers read as it
STATUS_COLUMNS: dict[str, tuple[str, ...]] = {
    "region_code": ("地区代码", "region_code"),
    "region_name": ("地区名称", "region_name"),
    "year": ("年份", "year"),
    "status": ("状态", "status"),
    "status_name": ("状态名称", "status_name"),
    "decided_at": ("决定时间", "decided_at"),
    "decided_by": ("决定人", "decided_by"),
    "submitted_by": ("提交人", "submitted_by"),
    "submitted_at": ("提交时间", "submitted_at"),
    "approved_by": ("审核人", "approved_by"),
    "approved_at": ("审核时间", "approved_at"),
    "accepted_by": ("接收人", "accepted_by"),
    "accepted_at": ("接收时间", "accepted_at"),
    "returned_by": ("退回人", "returned_by"),
    "returned_at": ("退回时间", "returned_at"),
    "reason": ("退回原因", "reason"),
    "chain_head": ("审计链头", "chain_head"),
    "rows": ("数据行数", "rows"),
    "digest": ("数据摘要", "digest"),
}
REVIEW_COLUMNS: dict[str, tuple[str, ...]] = {
    "region_code": ("地区代码", "region_code"),
    "region_name": ("地区名称", "region_name"),
    "year": ("年份", "year"),
    "indicator_code": ("指标代码", "indicator_code"),
    "indicator_name": ("指标名称", "indicator_name"),
    "note": ("意见", "note"),
}
ABSENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "region_code": ("地区代码", "region_code"),
    "region_name": ("地区名称", "region_name"),
    "year": ("年份", "year"),
    "indicator_code": ("指标代码", "indicator_code"),
    "indicator_name": ("指标名称", "indicator_name"),
    "kind": ("标记", "kind"),
    "kind_name": ("标记名称", "kind_name"),
    "reason": ("原因", "reason"),
}
# the fields of a line the digest covers (names are left out: another office's catalog may spell them otherwise)
_DIGEST_FIELDS = ("region_code", "year", "status", "decided_at", "decided_by", "submitted_by", "submitted_at",
                  "approved_by", "approved_at", "accepted_by", "accepted_at", "returned_by", "returned_at",
                  "reason", "chain_head")
# the decisions an upper office takes (the county submits, approves and reopens): the receiving store's audit
# says 上级决定 or 县级决定
UPPER_DECISIONS = frozenset({"accepted", "returned"})


@dataclass
class StatusLine:
    region_code: str
    year: int
    status: str
    decided_at: str = ""
    decided_by: str = ""
    submitted_by: str = ""
    submitted_at: str = ""
    approved_by: str = ""
    approved_at: str = ""
    accepted_by: str = ""
    accepted_at: str = ""
    returned_by: str = ""
    returned_at: str = ""
    reason: str = ""
    chain_head: str = ""
    rows: int = 0
    digest: str = ""
    region_name: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    # {indicator: (kind, reason)}: the marks 不适用 / 本年未统计 of the region-year (sheet 不适用标记)
    absent: dict[str, tuple[str, str]] = field(default_factory=dict)
    marks_sheet: bool = False  # the file has the sheet 不适用标记 (written since marks travel): its marks are complete

    def events(self) -> list[tuple[str, str, str]]:
        """(status, by, at) of the decisions of the current round, oldest first."""
        out = []
        for status, by, at in (("submitted", self.submitted_by, self.submitted_at),
                               ("approved", self.approved_by, self.approved_at),
                               ("accepted", self.accepted_by, self.accepted_at),
                               ("returned", self.returned_by, self.returned_at)):
            if by and at:
                out.append((status, by, at))
        out.sort(key=lambda e: when(e[2]) or dt.datetime.min.replace(tzinfo=dt.timezone.utc))
        return out


def _canon_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    try:
        return plain_number(float(value))
    except (TypeError, ValueError):
        return str(value)


def digest(line: StatusLine, rows) -> str:
    """sha256 over the line's fields, the data rows [(indicator, value, note)] (any order) and its marks
    不适用 / 本年未统计 (only when it has some: a line without marks keeps the digest files written before
    marks travelled, so they still verify)."""
    canon_rows = sorted((str(code), _canon_value(value), (note or "").strip()) for code, value, note in rows)
    fields = [str(getattr(line, k)) if k != "year" else int(line.year) for k in _DIGEST_FIELDS]
    payload: list = [fields, canon_rows, sorted(line.notes.items())]
    if line.absent:
        payload.append(sorted([str(code), str(kind), (reason or "").strip()]
                              for code, (kind, reason) in line.absent.items()))
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _decode(text):
    try:
        return json.loads(text) if text is not None else None
    except (TypeError, ValueError):
        return text


def when(text: str | None) -> dt.datetime | None:
    """An ISO time as an aware datetime (a naive one is taken as local time); None when empty or unreadable."""
    if not text:
        return None
    try:
        t = dt.datetime.fromisoformat(str(text).strip())
    except ValueError:
        return None
    return t if t.tzinfo is not None else t.astimezone()


# ---- export -------------------------------------------------------------------------------------------

def build_lines(datasets: Mapping[tuple[str, int], tuple], events: Iterable[tuple], heads: Mapping[tuple[str, int], str],
                notes: Mapping[tuple[str, int], dict[str, str]], marks: Mapping[tuple[str, int], dict[str, tuple[str, str]]],
                records: Iterable[tuple], names: Mapping[str, str], clean=lambda s: s) -> list[StatusLine]:
    """One status line per region-year that has data rows, a dataset row or marks, with its digest.

    What the store holds, as plain values: `datasets` {(region, year): (status, decided at, by, reason)}, `events`
    the status audit rows (region, year, at, user, old, new, source, reason) oldest first, `heads` the last audit
    hash of each region-year, `notes` the review notes, `marks` {indicator: (kind, reason)} per region-year;
    `records` the (region, year, indicator, value, note) rows the data sheet holds, `names` {code: region name},
    `clean` the text cleaning the writer applies to notes (the digest covers what the file holds)."""
    rounds: dict[tuple[str, int], dict[str, str]] = {}
    for region, year, at, user, _old, new, _source, _reason in events:
        new = _decode(new)
        r = rounds.setdefault((region, year), {})
        if new == "submitted":
            r.clear()
            r.update(submitted_by=user, submitted_at=at)
        elif new in ("approved", "accepted"):
            r.update({f"{new}_by": user, f"{new}_at": at})
        elif new == "returned":
            for k in ("approved", "accepted"):
                r.pop(f"{k}_by", None), r.pop(f"{k}_at", None)
            r.update(returned_by=user, returned_at=at)
        elif new == "draft":
            r.clear()
    rows_of: dict[tuple[str, int], list] = {}
    for region, year, code, value, note in records:
        if value is None and not note:
            continue
        rows_of.setdefault((region, year), []).append((code, value, clean(note) if note else ""))
    out = []
    for key in sorted(set(rows_of) | set(datasets) | set(marks)):
        region, year = key
        status, at, by, reason = datasets.get(key, ("draft", "", "", ""))
        line = StatusLine(region, year, status, at or "", by or "", region_name=names.get(region, region),
                          reason=(reason or "") if status == "returned" else "", chain_head=heads.get(key, ""),
                          notes=dict(notes.get(key, {})) if status == "returned" else {},
                          absent=dict(marks.get(key, {})))
        for k, v in rounds.get(key, {}).items():
            setattr(line, k, v or "")
        if status in ("draft", "returned"):
            line.submitted_by = line.submitted_at = ""
        if status not in ("approved", "accepted"):
            line.approved_by = line.approved_at = ""
        if status != "accepted":
            line.accepted_by = line.accepted_at = ""
        if status != "returned":
            line.returned_by = line.returned_at = ""
        rows = rows_of.get(key, [])
        line.rows = len(rows)
        line.digest = digest(line, rows)
        out.append(line)
    return out


# ---- import: reading the lines ------------------------------------------------------------------------

def parse_line(row: dict[str, object], region_code: Callable[[str], str]) -> tuple[StatusLine | None, str, str]:
    """A status line from a read row {key: value}; (None, column key, reason) when it cannot be taken.
    `region_code(code or name)` is the region's code, or raises AppError for a region the store does not know."""
    def text(key: str) -> str:
        value = row.get(key)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime):
            value = value.isoformat(timespec="seconds")
        return str(value).strip()

    try:
        region = region_code(text("region_code") or text("region_name"))
    except AppError:
        return None, "region_code", Phrase("未知地区 {raw}{hint}", raw=repr(text("region_code") or text("region_name")),
                                           hint="")
    try:
        year = check_year(text("year").removesuffix("年"))
    except AppError as exc:
        return None, "year", exc.args[0]
    status = text("status")
    if status not in STATUSES:
        by_name = {v: k for k, v in STATUS_NAMES.items()}
        status = by_name.get(status, status)
    if status not in STATUSES:
        return None, "status", Phrase("状态 {raw} 无效（应为 {allowed}）", raw=repr(text("status")),
                                      allowed=enumeration(STATUSES))
    line = StatusLine(region, year, status, region_name=text("region_name"))
    for key in ("decided_at", "decided_by", "submitted_by", "submitted_at", "approved_by", "approved_at",
                "accepted_by", "accepted_at", "returned_by", "returned_at", "reason", "chain_head", "digest"):
        setattr(line, key, text(key))
    for key in ("decided_at", "submitted_at", "approved_at", "accepted_at", "returned_at"):
        if getattr(line, key) and when(getattr(line, key)) is None:
            return None, key, Phrase("时间 {raw} 无效（应为 ISO 格式，如 2024-03-01T10:00:00+08:00）",
                                     raw=repr(getattr(line, key)))
    try:
        line.rows = int(float(text("rows") or 0))
    except ValueError:
        return None, "rows", Phrase("数据行数 {raw} 不是整数", raw=repr(text("rows")))
    return line, "", ""


# ---- import: the decision -----------------------------------------------------------------------------

APPLY, SAME, DATA_ONLY, OLDER, HELD_HERE = "apply", "same", "data_only", "older", "held_here"


@dataclass
class Decision:
    kind: str
    line: StatusLine
    local: Dataset
    message: str = ""


def decide(local: Dataset, decided_here: bool, line: StatusLine, digest_ok: bool, data_changes: bool,
           region_name: str) -> Decision:
    """What an incoming status line does to the receiving store's dataset (see the module's docstring).

    `decided_here`: the store's current status was decided in this store (not imported); `data_changes`:
    the file's rows would change stored values or notes of this region-year."""
    label = Phrase("{region} {year}年", region=region_name, year=line.year)
    theirs = _decision(line.status, line.decided_by, line.decided_at)
    ours = _decision(local.status, local.updated_by, local.updated_at)
    if not digest_ok:
        return Decision(DATA_ONLY, line, local, Phrase("{label}的数据行与文件记录的摘要不符（导出后被改动过）："
                                                       "按数据导入，未采用文件中的状态{theirs}", label=label, theirs=theirs))
    if not line.decided_at:  # never decided where it came from: a draft, data only
        return Decision(DATA_ONLY, line, local, "")
    mine, incoming = when(local.updated_at), when(line.decided_at)
    if local.status == line.status and local.updated_at and mine == incoming and not data_changes:
        return Decision(SAME, line, local, "")
    if local.status == "accepted" and decided_here:
        if not data_changes:  # the same rows again: nothing changes, the file's older status is not taken
            return Decision(SAME if local.status == line.status else DATA_ONLY, line, local,
                            "" if local.status == line.status else
                            Phrase("{label}已由本单位接收{ours}，文件中的{theirs}未采用（数据相同，未改动）", label=label,
                                   ours=ours, theirs=theirs))
        return Decision(HELD_HERE, line, local, Phrase("{label}已由本单位接收{ours}，文件中的{theirs}不能覆盖；如需采用，请先退回",
                                                       label=label, ours=ours, theirs=theirs))
    if mine is not None and local.status != "draft" and incoming <= mine:
        if not data_changes:
            return Decision(SAME if local.status == line.status else DATA_ONLY, line, local,
                            "" if local.status == line.status else
                            Phrase("{label}：本库已有更新的决定{ours}，文件中较早的{theirs}未采用（数据相同，未改动）",
                                   label=label, ours=ours, theirs=theirs))
        return Decision(OLDER, line, local, Phrase("{label}：文件中的决定{theirs}不晚于本库的{ours}，较旧的工作簿不能覆盖（本库未改动）",
                                                   label=label, ours=ours, theirs=theirs))
    return Decision(APPLY, line, local, "")


def _decision(status: str, by: str | None, at: str | None) -> Phrase:
    """“已审核”（张三，2024-03-01T10:00:00+08:00）: a decision as the messages name it."""
    return Phrase("“{status}”（{by}，{at}）", status=Word("status", status, STATUS_NAMES.get(status, status)),
                  by=by or "—", at=at or "—")


def _steps() -> set[tuple[str, str]]:
    return {(s, to) for sources, to in TRANSITIONS.values() for s in sources}


def new_events(before: str, line: StatusLine, since: dt.datetime | None) -> list[tuple[str, str, str]] | None:
    """The decisions of the line the store does not know yet: those from `since` on that lead from the store's
    status `before` to the line's status step by step through the workflow; None when they do not."""
    steps = _steps()
    events = [e for e in line.events() if since is None or (when(e[2]) or since) >= since]
    if not events or events[-1][0] != line.status:
        events.append((line.status, line.decided_by, line.decided_at))
    for i in range(len(events)):
        prev, ok = before, True
        for status, _by, _at in events[i:]:
            if (prev, status) not in steps:
                ok = False
                break
            prev = status
        if ok:
            return events[i:]
    return None


def locked(status: str) -> bool:
    return status in policy.VALUES_LOCKED

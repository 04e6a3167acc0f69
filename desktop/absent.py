"""Values left empty on purpose: an indicator marked not applicable (不适用) or not collected this year
(本年未统计), several at once with one reason.

A mark stands for a value: the form counts it as filled, validation raises no completeness finding for it, so it
is not missing at 提交. Marks are written like values: the acting user's role and the dataset's status are
checked inside the write transaction (a submitted or approved year is locked), every change is an audit row
(field ``absent``, old/new the kind or null, the reason), and a refusal writes nothing. An indicator that holds a
value cannot be marked (delete the value first); writing a value later removes the mark in the same transaction
(``Services.apply_changes``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop import policy
from desktop.db import absent as adb
from desktop.db.writes import Locked
from desktop.domain import ABSENCE_KINDS, Absence, check_year
from desktop.errors import AppError
from desktop.phrases import Phrase, Word, enumeration
from desktop.validation.notes import explains

if TYPE_CHECKING:  # the services hand themselves in; this package never imports them
    from desktop.services import Services


def absences(services: Services, region: str, year: int) -> dict[str, Absence]:
    """{indicator code: Absence} of one region-year."""
    reg, y = services.region(region), check_year(year)
    with services.store.reading() as db:
        return adb.absences_of(db, reg.code, y)


def check_reason(reason: str | None) -> str:
    """The reason as stored; raises AppError when it is empty or boilerplate (it must say why)."""
    reason = (reason or "").strip()
    if not reason:
        raise AppError(Phrase("标为不适用或本年未统计须写明原因"))
    if not explains(reason):
        raise AppError(Phrase("原因“{reason}”是套话或过于简略，请写明为何没有这个数值（如“本县无三级医院”）", reason=reason))
    return reason


def mark_absent(services: Services, region: str, year: int, indicators: list[str], kind: str, reason: str,
                source: str = "cli") -> int:
    """Mark the indicators of a region-year as `kind` (na or uncollected) with one reason; returns how many changed.

    Raises UnknownRegion, InvalidYear, UnknownIndicator, PermissionDenied, DatasetLocked, AppError (an unknown
    kind, no reason or a boilerplate one, an indicator that holds a value). Nothing is written on a refusal."""
    if kind not in ABSENCE_KINDS:
        raise AppError(Phrase("标记无效：{kind}（应为 na 不适用，或 uncollected 本年未统计）", kind=repr(kind)))
    reason = check_reason(reason)
    return set_absences(services, region, year, {code: (kind, reason) for code in indicators}, source)


def clear_absent(services: Services, region: str, year: int, indicators: list[str], source: str = "cli") -> int:
    """Remove the marks of these indicators (those without one are left alone); returns how many changed."""
    return set_absences(services, region, year, {code: None for code in indicators}, source)


def set_absences(services: Services, region: str, year: int, states: dict[str, tuple[str, str] | None],
                 source: str = "cli") -> int:
    """Put each indicator in its state, (kind, reason) or None (no mark), as one transaction; the window's undo
    puts the earlier states back this way. Returns how many marks changed."""
    services.require_role(*policy.EDIT_VALUES, action="标记不适用")
    reg, y = services.region(region), check_year(year)
    wanted: dict[str, tuple[str, str] | None] = {}
    for code, state in states.items():
        ind = services.indicator(code)
        if state is not None:
            kind, reason = state
            if kind not in ABSENCE_KINDS:
                raise AppError(Phrase("标记无效：{kind}（应为 na 或 uncollected）", kind=repr(kind)))
            state = (kind, (reason or "").strip())
            if not state[1]:
                raise AppError(Phrase("{indicator}：标为{mark}须写明原因", indicator=ind.name,
                                      mark=Word("absence", kind, ABSENCE_KINDS[kind])))
        wanted[ind.code] = state
    if not wanted:
        return 0
    try:
        with services.write() as w:
            w.check_values_editable([(reg.code, y)])  # the status read inside the write transaction, as for values
            return write_absences(services, w, reg.code, y, wanted, source)
    except Locked as exc:
        raise services.refuse(exc, "标记不适用", reg.code, y) from None


def write_absences(services: Services, w, region: str, year: int, wanted: dict[str, tuple[str, str] | None],
                   source: str) -> int:
    """Inside a write transaction `w` (desktop.db.writes.Writer): put each indicator of one region-year in its
    state, an audit row (field ``absent``) per changed mark; the caller has checked role and lock. The path of
    mark-absent, clear-absent and of an exchange import (desktop.exchange.importer). Raises AppError when an
    indicator to be marked holds a value (the whole transaction is then rolled back). Returns how many changed."""
    names = {i.code: i.name for i in services.indicators(include_hidden=True)}
    reg_name = services.region(region).name
    values = w.values_now(region, year)
    held = [code for code, state in wanted.items()
            if state is not None and code in values and values[code].value is not None]
    if held:
        kind = wanted[held[0]][0]
        raise AppError(Phrase("{region} {year}年 {names} 已有数值，不能标为{mark}（先删除数值）；未做任何标记", region=reg_name,
                              year=str(year), names=enumeration(names.get(c, c) for c in held),
                              mark=Word("absence", kind, ABSENCE_KINDS[kind])))
    old = w.marks_now(region, year)
    changed = 0
    for code, state in wanted.items():
        before = old.get(code)
        if ((before.kind, before.reason) if before else None) == state:
            continue
        w.absence(region, year, code, state, source, before)
        changed += 1
    return changed
